package no.nora.channels.sms;

import java.util.Locale;
import java.util.ResourceBundle;
import no.nora.intents.Language;

/** The SMS channel's own texts ({@code sms.properties}, bokmål; {@code sms_nn}, {@code sms_en}), each in every language. */
final class SmsTexts {
    static final String BUNDLE = "no.nora.channels.sms.sms";
    private static final ResourceBundle.Control NO_LOCALE_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    String get(Language language, String key) {
        return bundle(language).getString(key);
    }

    static ResourceBundle bundle(Language language) {
        return ResourceBundle.getBundle(BUNDLE, language == Language.NB ? Locale.ROOT : language.locale(),
                NO_LOCALE_FALLBACK);
    }
}
