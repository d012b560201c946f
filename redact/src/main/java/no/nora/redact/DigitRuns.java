package no.nora.redact;

/**
 * Finds runs of digits in one pass over the chars, without regular expressions: digits with at most three
 * separators between them form a run; invisible characters and marks are skipped; anything else ends it.
 */
final class DigitRuns {
    /** Fewer digits than this in a run and it is kept. */
    static final int FORBIDDEN_DIGITS = 7;

    /** Receives every maximal run, in order. */
    interface Sink {
        /**
         * @param start  index of the run's first digit
         * @param end    index just after its last digit, including marks attached to that digit (a keycap)
         * @param digits how many digits the run holds
         */
        void run(int start, int end, int digits);
    }

    private DigitRuns() {
    }

    /**
     * The index of the first digit if {@code text} holds at least {@link #FORBIDDEN_DIGITS} digits in total,
     * otherwise -1. This is the fast path: one table lookup per char, no allocation.
     */
    static int firstDigitIfEnough(String text) {
        int digits = 0;
        int first = -1;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            byte kind = CharClass.ofChar(text.charAt(i));
            if (kind == CharClass.HIGH_SURROGATE) {
                // An unpaired one stays HIGH_SURROGATE; a low half on its own counts as OTHER.
                kind = CharClass.of(text.codePointAt(i));
            }
            if (kind > 0) {
                if (first < 0) {
                    first = i;
                }
                digits += kind;
                if (digits >= FORBIDDEN_DIGITS) {
                    return first;
                }
            }
        }
        return -1;
    }

    /** Reports every run in {@code text} that starts at or after {@code from}. */
    static void scan(String text, int from, Sink sink) {
        int length = text.length();
        int start = -1;
        int end = -1;
        int digits = 0;
        int separators = 0;
        int i = from;
        while (i < length) {
            char c = text.charAt(i);
            byte kind = CharClass.ofChar(c);
            int next = i + 1;
            if (kind == CharClass.HIGH_SURROGATE) {
                if (next < length && Character.isLowSurrogate(text.charAt(next))) {
                    kind = CharClass.of(Character.toCodePoint(c, text.charAt(next)));
                    next++;
                } else {
                    kind = CharClass.OTHER; // unpaired
                }
            }
            if (kind > 0) {
                if (start < 0) {
                    start = i;
                    digits = 0;
                }
                digits += kind;
                end = next;
                separators = 0;
            } else if (kind == CharClass.SEPARATOR) {
                if (start >= 0 && ++separators > 3) {
                    sink.run(start, end, digits);
                    start = -1;
                }
            } else if (kind == CharClass.MARK) {
                if (start >= 0 && end == i) {
                    end = next; // attached to the last digit: goes with it
                }
            } else if (kind == CharClass.OTHER) {
                if (start >= 0) {
                    sink.run(start, end, digits);
                    start = -1;
                }
            }
            // INVISIBLE: skipped
            i = next;
        }
        if (start >= 0) {
            sink.run(start, end, digits);
        }
    }

    /** Whether a run must be removed: seven or more digits, unless it is exactly a date. */
    static boolean isForbidden(String text, int start, int end, int digits) {
        return digits >= FORBIDDEN_DIGITS && !(digits <= 8 && StandaloneDate.matches(text, start, end));
    }
}
