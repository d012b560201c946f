package no.nora.intents;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The languages Nora understands and answers in. */
public enum Language {
    NB, NN, EN;

    private final String code = name().toLowerCase(Locale.ROOT);
    private final Locale locale = Locale.forLanguageTag(code);

    public String code() {
        return code;
    }

    public Locale locale() {
        return locale;
    }

    public static Optional<Language> fromCode(String code) {
        return Arrays.stream(values()).filter(l -> l.code().equalsIgnoreCase(code)).findFirst();
    }
}
