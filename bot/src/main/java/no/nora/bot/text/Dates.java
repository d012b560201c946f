package no.nora.bot.text;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import no.nora.intents.Language;

/** Dates as debtors read them: {@code 15. desember 2026}, {@code 15 December 2026}. */
public final class Dates {
    private static final DateTimeFormatter NORWEGIAN = DateTimeFormatter.ofPattern("d. MMMM yyyy", java.util.Locale.forLanguageTag("nb"));
    private static final DateTimeFormatter NYNORSK = DateTimeFormatter.ofPattern("d. MMMM yyyy", java.util.Locale.forLanguageTag("nn"));
    private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.ENGLISH);

    private Dates() {
    }

    public static String format(Language language, LocalDate date) {
        return switch (language) {
            case EN -> ENGLISH.format(date);
            case NN -> NYNORSK.format(date);
            case NB -> NORWEGIAN.format(date);
        };
    }
}
