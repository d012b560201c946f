package no.nora.redact;

import java.util.ArrayList;
import java.util.List;

/**
 * Numbers typed over several messages of one conversation ({@code "179120"}, then {@code "99997"}): the messages are
 * read as one text, one line break between each two, and every forbidden run that spans a break is removed from each
 * message it touches. Runs inside one message were already removed when that message arrived.
 */
final class SplitNumbers {
    private SplitNumbers() {
    }

    static List<RedactedText> redact(List<RedactedText> messages) {
        int count = messages.size();
        var texts = new String[count];
        var starts = new int[count + 1];
        var joined = new StringBuilder();
        for (int k = 0; k < count; k++) {
            texts[k] = messages.get(k).text();
            starts[k] = joined.length();
            joined.append(texts[k]).append('\n');
        }
        starts[count] = joined.length();
        String all = joined.toString();

        List<List<int[]>> cuts = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            cuts.add(new ArrayList<>());
        }
        DigitRuns.scan(all, 0, (start, end, digits) -> {
            int first = messageAt(starts, start);
            int last = messageAt(starts, end - 1);
            if (first == last || !DigitRuns.isForbidden(all, start, end, digits)) {
                return;
            }
            for (int k = first; k <= last; k++) {
                String text = texts[k];
                int to = Math.min(end - starts[k], text.length());
                int from = firstDigit(text, Math.max(start - starts[k], 0), to);
                if (from >= 0) { // a message of separators only, inside the run, has nothing to remove
                    cuts.get(k).add(new int[] {from, endOfLastDigit(text, from, to)});
                }
            }
        });

        var result = new ArrayList<RedactedText>(count);
        for (int k = 0; k < count; k++) {
            result.add(cuts.get(k).isEmpty() ? messages.get(k) : cut(messages.get(k), cuts.get(k)));
        }
        return List.copyOf(result);
    }

    private static RedactedText cut(RedactedText message, List<int[]> spans) {
        String text = message.text();
        var out = new StringBuilder(text.length());
        int copied = 0;
        for (int[] span : spans) {
            out.append(text, copied, span[0]).append(Redactor.PLACEHOLDER);
            copied = span[1];
        }
        out.append(text, copied, text.length());
        return new RedactedText(out.toString(), message.redactions() + spans.size());
    }

    /** The message holding {@code position} of the joined text. */
    private static int messageAt(int[] starts, int position) {
        int k = 0;
        while (starts[k + 1] <= position) {
            k++;
        }
        return k;
    }

    private static int firstDigit(String text, int from, int to) {
        for (int i = from; i < to; ) {
            int cp = text.codePointAt(i);
            if (CharClass.of(cp) > 0) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /** Just after the last digit in {@code text[from, to)}, with the marks attached to it (a keycap). */
    private static int endOfLastDigit(String text, int from, int to) {
        int end = from;
        for (int i = from; i < to; ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            byte kind = CharClass.of(cp);
            if (kind > 0 || (kind == CharClass.MARK && end == i)) {
                end = next;
            }
            i = next;
        }
        return end;
    }
}
