package no.nora.intents;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The languages Nora understands and answers in. */
public enum Language {
    NB, NN, EN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Locale locale() {
        return Locale.forLanguageTag(code());
    }

    public static Optional<Language> fromCode(String code) {
        return Arrays.stream(values()).filter(l -> l.code().equalsIgnoreCase(code)).findFirst();
    }
}
