package no.nora.redact;

import java.util.Objects;

/**
 * The outcome of {@link Redactor#continuation(RedactedText, RedactedText)}: the two messages of a conversation,
 * each with its part of a number split between them removed when {@code joined} is true, unchanged otherwise.
 *
 * @param previous the earlier message, as it should now be stored and shown
 * @param next     the new message, as it should now be stored and shown
 * @param joined   whether the two held one run of seven or more digits between them (both were changed)
 */
public record Continuation(RedactedText previous, RedactedText next, boolean joined) {
    public Continuation {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(next, "next");
    }
}
