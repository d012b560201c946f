package no.nora.intents;

/**
 * Something the dialogue needs, found in the text: {@code amount} (kroner, as a number), {@code months},
 * {@code date} (ISO-8601), {@code choice} (1-based). {@code start} and {@code end} are offsets in the redacted text.
 */
public record Entity(String entity, int start, int end, Object value) {
}
