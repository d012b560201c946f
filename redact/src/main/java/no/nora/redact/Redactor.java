package no.nora.redact;

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
 *       bidi marks, tags), Unicode's other default-ignorables, variation selectors and combining marks (the keycap
 *       in {@code 1️⃣}) – are skipped: they neither separate nor end a run.</li>
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
     * Otherwise both come back unchanged.
     *
     * <p>The engine calls this with the last stored message of the debtor and the new one, then stores and shows the
     * returned texts instead. Fails closed: on any error both messages become the placeholder.
     */
    public static Continuation continuation(RedactedText previous, RedactedText next) {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(next, "next");
        try {
            return join(previous, next);
        } catch (RuntimeException | Error e) {
            return new Continuation(new RedactedText(PLACEHOLDER, 1), new RedactedText(PLACEHOLDER, 1), true);
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

    private static Continuation join(RedactedText previous, RedactedText next) {
        String before = previous.text();
        String after = next.text();
        int seam = before.length(); // index of the separator standing between the two messages
        String joined = before + '\n' + after;
        int[] spanning = {-1, -1};
        DigitRuns.scan(joined, 0, (start, end, digits) -> {
            if (start < seam && end > seam && DigitRuns.isForbidden(joined, start, end, digits)) {
                spanning[0] = start;
                spanning[1] = end;
            }
        });
        if (spanning[0] < 0) {
            return new Continuation(previous, next, false);
        }
        int lastDigitEnd = endOfLastDigit(before, spanning[0]);
        int firstDigit = startOfFirstDigit(after);
        String newBefore = before.substring(0, spanning[0]) + PLACEHOLDER + before.substring(lastDigitEnd);
        String newAfter = after.substring(0, firstDigit) + PLACEHOLDER + after.substring(spanning[1] - seam - 1);
        return new Continuation(new RedactedText(newBefore, previous.redactions() + 1),
                new RedactedText(newAfter, next.redactions() + 1), true);
    }

    /** Just after the last digit of {@code text} (and the marks attached to it); it lies at or after {@code from}. */
    private static int endOfLastDigit(String text, int from) {
        int end = from;
        for (int i = from; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            byte kind = CharClass.of(cp);
            if (kind > 0 || (kind == CharClass.MARK && end == i - Character.charCount(cp))) {
                end = i;
            }
        }
        return end;
    }

    private static int startOfFirstDigit(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (CharClass.of(cp) > 0) {
                return i;
            }
            i += Character.charCount(cp);
        }
        throw new IllegalStateException("a run spanning two messages has a digit in the second");
    }
}
