package no.nora.bot.dialogue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import no.nora.redact.RedactedText;
import no.nora.redact.Redactor;

/**
 * "Mitt fnr er 17912099997": a message that only hands over a number (now removed) and says nothing else. The bot
 * should not guess an intent from the label words; it says it does not need the number and asks what the debtor
 * wants.
 */
final class NumberOnly {
    /** Words that only label or introduce a number, in bokmål, nynorsk and English. */
    private static final Set<String> LABEL_WORDS = Set.of(
            "mitt", "min", "mi", "mine", "er", "her", "hei", "og", "takk", "ok", "eg", "jeg", "har",
            "fnr", "fødselsnummer", "fødselsnummeret", "fodselsnummer", "fodselsnummeret", "personnummer",
            "personnummeret", "pnr", "dnr", "d", "nummer", "nummeret", "nr", "kontonr", "kontonummer",
            "kontonummeret", "konto", "tlf", "telefon", "telefonnummer", "telefonnummeret", "mobil", "mobilnummer",
            "kid", "kidnummer", "saksnummer", "kundenummer", "id",
            "my", "is", "here", "hi", "hello", "thanks", "ssn", "national", "identity", "number", "account", "phone",
            "mobile", "personal");

    private static final Pattern BETWEEN_WORDS = Pattern.compile("[^\\p{L}]+");

    private NumberOnly() {
    }

    static boolean is(RedactedText text) {
        if (!text.wasRedacted()) {
            return false;
        }
        String rest = text.text().replace(Redactor.PLACEHOLDER, " ").toLowerCase(Locale.ROOT);
        return Arrays.stream(BETWEEN_WORDS.split(rest)).filter(w -> !w.isEmpty()).allMatch(LABEL_WORDS::contains);
    }
}
