package no.nora.redact;

/**
 * Removes every run of seven or more digits from text, so national identity numbers, account numbers and phone
 * numbers are never stored, logged, classified, shown or forwarded.
 *
 * <p>PLACEHOLDER IMPLEMENTATION for the foundation: ASCII digits and a few separators only. Issue 3 replaces it
 * with the full rule (Unicode digits, invisible characters, date exemption, fail-closed).
 */
public final class Redactor {
    /** What a removed run becomes. Holds no digits, so redacting twice changes nothing. */
    public static final String PLACEHOLDER = "[•••]";

    private Redactor() {
    }

    public static RedactedText redact(String raw) {
        if (raw == null) {
            return new RedactedText("", 0);
        }
        try {
            var matcher = java.util.regex.Pattern.compile("[0-9](?:[ .\\-/]{0,3}[0-9]){6,}").matcher(raw);
            var out = new StringBuilder();
            int count = 0;
            while (matcher.find()) {
                matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(PLACEHOLDER));
                count++;
            }
            matcher.appendTail(out);
            return new RedactedText(out.toString(), count);
        } catch (RuntimeException e) {
            return new RedactedText(PLACEHOLDER, 1);
        }
    }
}
