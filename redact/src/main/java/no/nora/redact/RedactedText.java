package no.nora.redact;

import java.util.Objects;

/**
 * Text that has been through the {@link Redactor}. Only the redactor can make one, so a method that takes
 * {@code RedactedText} cannot be handed raw debtor input by mistake.
 */
public final class RedactedText {
    private final String text;
    private final int redactions;

    RedactedText(String text, int redactions) {
        this.text = Objects.requireNonNull(text);
        this.redactions = redactions;
    }

    /** The text with every run of seven or more digits replaced by {@link Redactor#PLACEHOLDER}. */
    public String text() {
        return text;
    }

    /** How many runs were removed; 0 when the text came through unchanged. */
    public int redactions() {
        return redactions;
    }

    public boolean wasRedacted() {
        return redactions > 0;
    }

    /**
     * Whether the text holds any digit the rule counts (of any script, a superscript, a circled numeral …): only then
     * can it continue a number begun in earlier messages.
     */
    public boolean hasDigit() {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (CharClass.of(cp) > 0) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    public boolean isBlank() {
        return text.isBlank();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RedactedText other && other.text.equals(text) && other.redactions == redactions;
    }

    @Override
    public int hashCode() {
        return text.hashCode() * 31 + redactions;
    }

    @Override
    public String toString() {
        return text;
    }
}
