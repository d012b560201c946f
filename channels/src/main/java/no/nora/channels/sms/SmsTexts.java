package no.nora.channels.sms;

import java.util.Locale;
import java.util.ResourceBundle;
import no.nora.intents.Language;

/** The SMS channel's own texts ({@code sms.properties}, bokmål; {@code sms_en.properties}). */
final class SmsTexts {
    private static final ResourceBundle.Control NO_LOCALE_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    String get(Language language, String key) {
        return ResourceBundle.getBundle("no.nora.channels.sms.sms",
                language == Language.EN ? Locale.ENGLISH : Locale.ROOT, NO_LOCALE_FALLBACK).getString(key);
    }
}
