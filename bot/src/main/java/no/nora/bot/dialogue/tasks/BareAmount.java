package no.nora.bot.dialogue.tasks;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * "300", "300 kr", "1 500,-": a message that is only an amount. The classifier finds amounts by their words ("500 i
 * måneden"); while a plan is being discussed, a figure alone means the same.
 */
final class BareAmount {
    private static final Pattern ALONE = Pattern.compile(
            "\\s*(?:kr\\.?|nok)?\\s*(\\d{1,3}(?:[ \\u00A0.]\\d{3})*|\\d{1,6})(?:,-|,00|\\.00)?\\s*(?:kr\\.?|kroner|nok)?\\s*[.!?]?\\s*",
            Pattern.CASE_INSENSITIVE);

    private BareAmount() {
    }

    static Optional<String> in(String text) {
        var m = ALONE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String digits = m.group(1).replaceAll("[ \\u00A0.]", "");
        return digits.equals("0") ? Optional.empty() : Optional.of(digits);
    }
}
