package no.nora.redact;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Removes every run of seven or more digits from text, so national identity numbers, account numbers and phone
 * numbers are never stored, logged, classified, shown or forwarded. The rule (issue 3):
 *
 * <ol>
 *   <li><b>Digits</b> are all Unicode decimal digits (category Nd: Arabic-Indic, full-width, mathematical bold …),
 *       characters that NFKC folds to digits (superscripts ¹, circled ①; {@code ⑫} counts as two digits) and other
 *       numerals (dingbats ❶ ➀ ➊, Roman Ⅴ). Not {@code \d}, not {@code Character.getNumericValue}.</li>
 *   <li><b>Invisible</b> characters – format characters (zero-width space, joiners, word joiner, soft hyphen, BOM,
 *       bidi marks, tags), Unicode's other default-ignorables, control codes, variation selectors and combining marks
 *       (the keycap in {@code 1️⃣}) – are skipped: they neither separate nor end a run.</li>
 *   <li><b>Separators</b>: any whitespace (no-break and narrow no-break space, line breaks) and
 *       {@code . , - ‐ ‑ ‒ – — ― − / \ ( ) + _ : ' * ·}, their full-width and small forms, and a few look-alikes
 *       ({@code ’ ′ ∕ ➖} …). Digits with at most three separators between them form one run; any other character
 *       ends a run, but letters glued to digits do not protect them ({@code fnr17912099997takk}).</li>
 *   <li>A run of seven or more digits is replaced, from its first to its last digit (with marks attached to that
 *       digit), by one {@link #PLACEHOLDER}; the text around it is kept exactly.</li>
 *   <li>Exemption: a run that is exactly a valid calendar date with a four-digit year ({@code 15.12.2026},
 *       {@code 1.2.2027}, {@code 15/12/2026}, {@code 2026-12-15}; years 1900–2099) is kept. A date joined to more
 *       digits is part of a longer run and is removed.</li>
 *   <li>Fail closed: if redaction fails for any reason, the whole message becomes the placeholder.</li>
 * </ol>
 *
 * <p>Text with fewer than seven digits in total, the common case, comes back as the same {@code String} after one
 * table lookup per char.
 */
public final class Redactor {
    /**
     * What a removed run becomes. Holds no digit, separator or invisible character, so it ends any run next to it and
     * redacting twice changes nothing.
     */
    public static final String PLACEHOLDER = "[•••]";

    private static final RedactedText EMPTY = new RedactedText("", 0);

    private Redactor() {
    }

    /** The text with every forbidden run replaced by {@link #PLACEHOLDER}; {@code null} becomes the empty text. */
    public static RedactedText redact(String raw) {
        return raw == null ? EMPTY : failClosed(raw, Redactor::rewrite);
    }

    /**
     * Text redacted earlier and kept, read back: it goes through the redactor again (nothing read from a store skips
     * it) and counts the runs removed the first time, so the reader still knows that numbers were taken out.
     */
    public static RedactedText restore(String stored, int earlierRedactions) {
        var again = redact(stored);
        return new RedactedText(again.text(), again.redactions() + Math.max(0, earlierRedactions));
    }

    /**
     * Whether the rule would remove anything from {@code text}: for tests and checks that scan what reaches a sink
     * (logs, stores, agent views, outbound SMS). Redacted text never contains one.
     */
    public static boolean containsForbiddenRun(String text) {
        return text != null && redact(text).wasRedacted();
    }

    /**
     * Catches a number split over two consecutive messages of one conversation ({@code "179120"}, then
     * {@code "99997"}). The digits at the end of {@code previous} and those at the start of {@code next} are read as
     * one run, as if a single separator (a line break) stood between the messages; if that run is forbidden by the
     * rule, its part in each message is replaced by the placeholder and {@link Continuation#joined()} is true.
     * Otherwise both come back unchanged (the same instances).
     *
     * <p>The engine calls this with the last stored message of the debtor and the new one, then stores and shows the
     * returned texts instead. A number dripped over three or more messages needs {@link #acrossMessages(List)}.
     * Fails closed: on any error both messages become the placeholder.
     */
    public static Continuation continuation(RedactedText previous, RedactedText next) {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(next, "next");
        List<RedactedText> both = acrossMessages(List.of(previous, next));
        return new Continuation(both.get(0), both.get(1), both.get(0) != previous || both.get(1) != next);
    }

    /**
     * Like {@link #continuation(RedactedText, RedactedText)} for a conversation, oldest first, the new message last:
     * the messages are read as one text with a line break between each two, and every forbidden run that crosses a
     * break is removed from each message it touches, so {@code "179"}, {@code "120"}, {@code "999"}, {@code "97"}
     * all become the placeholder, however many messages a number is spread over (one digit each included). Returns
     * a list of the same size; unchanged messages are the same instances.
     * Fails closed: on any error every message becomes the placeholder.
     */
    public static List<RedactedText> acrossMessages(List<RedactedText> messages) {
        List<RedactedText> checked = List.copyOf(messages); // null-hostile, and safe from changes by the caller
        try {
            return SplitNumbers.redact(checked);
        } catch (RuntimeException | Error e) {
            return checked.stream().map(m -> new RedactedText(PLACEHOLDER, 1)).toList();
        }
    }

    /** Applies {@code rule}, and turns any failure into a message that is only the placeholder. */
    static RedactedText failClosed(String raw, Function<String, RedactedText> rule) {
        try {
            return rule.apply(raw);
        } catch (RuntimeException | Error e) {
            // Errors too (a broken Unicode table is an ExceptionInInitializerError): raw text must never pass.
            return new RedactedText(PLACEHOLDER, 1);
        }
    }

    private static RedactedText rewrite(String raw) {
        int firstDigit = DigitRuns.firstDigitIfEnough(raw);
        if (firstDigit < 0) {
            return new RedactedText(raw, 0);
        }
        var rewriter = new Rewriter(raw);
        DigitRuns.scan(raw, firstDigit, rewriter);
        return rewriter.result();
    }

    /** Copies the text, putting the placeholder where a forbidden run was. Allocates only once it finds one. */
    private static final class Rewriter implements DigitRuns.Sink {
        private final String raw;
        private StringBuilder out;
        private int copied;
        private int redactions;

        Rewriter(String raw) {
            this.raw = raw;
        }

        @Override
        public void run(int start, int end, int digits) {
            if (!DigitRuns.isForbidden(raw, start, end, digits)) {
                return;
            }
            if (out == null) {
                out = new StringBuilder(raw.length());
            }
            out.append(raw, copied, start).append(PLACEHOLDER);
            copied = end;
            redactions++;
        }

        RedactedText result() {
            if (redactions == 0) {
                return new RedactedText(raw, 0);
            }
            return new RedactedText(out.append(raw, copied, raw.length()).toString(), redactions);
        }
    }
}
