package no.nora.bot.text;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import no.nora.intents.Language;

/**
 * Everything the debtor reads, from the resource bundles {@code messages*.properties} (bokmål is the base bundle;
 * every bundle has every key, which a test checks). Placeholders use {@link MessageFormat}.
 */
public final class Texts {
    private static final ResourceBundle.Control NO_LOCALE_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final String baseName;
    private final Map<Language, ResourceBundle> bundles = new ConcurrentHashMap<>();
    /** Parsed once per language and key; each use formats with a copy, as a MessageFormat is not thread-safe. */
    private final Map<String, MessageFormat> formats = new ConcurrentHashMap<>();

    public Texts() {
        this("no.nora.bot.text.messages");
    }

    Texts(String baseName) {
        this.baseName = baseName;
    }

    public String get(Language language, String key, Object... args) {
        String pattern;
        try {
            pattern = bundle(language).getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException("No text '" + key + "' for " + language.code(), e);
        }
        if (args.length == 0) {
            return pattern;
        }
        var format = formats.computeIfAbsent(language.code() + ':' + key,
                k -> new MessageFormat(pattern.replace("'", "''"), language.locale()));
        return ((MessageFormat) format.clone()).format(args);
    }

    public boolean has(Language language, String key) {
        return bundle(language).containsKey(key);
    }

    private ResourceBundle bundle(Language language) {
        return bundles.computeIfAbsent(language, l -> ResourceBundle.getBundle(baseName,
                l == Language.NB ? Locale.ROOT : l.locale(), NO_LOCALE_FALLBACK));
    }
}
