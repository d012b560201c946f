package no.nora.channels.sms;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import no.nora.bot.conversation.Choice;
import no.nora.bot.conversation.Message;
import no.nora.redact.RedactedText;
import no.nora.redact.Redactor;

/**
 * What an SMS can carry. Texts are normalised to the GSM-7 alphabet (one segment holds 160 characters instead of 70
 * in UCS-2), choices become numbered lines, nothing goes out longer than Twilio's 1 600 characters, and what goes
 * out is redacted after all of that ({@link #fit}).
 */
public final class SmsText {
    /** Twilio refuses longer bodies. */
    public static final int MAX_CHARS = 1600;
    /** What a reply should stay within; longer ones are counted ({@code nora.sms.segments}) so texts can be trimmed. */
    public static final int AIM_SEGMENTS = 2;

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** Characters written with an escape: each counts as two. */
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";
    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern DOUBLE_SPACES = Pattern.compile(" {2,}");
    private static final Pattern SPACES_AROUND_NEWLINE = Pattern.compile(" *\n *");

    private static final Map<Integer, String> REPLACEMENTS = Map.ofEntries(
            Map.entry((int) '‘', "'"), Map.entry((int) '’', "'"), Map.entry((int) '‚', "'"), Map.entry((int) '‛', "'"),
            Map.entry((int) '‹', "'"), Map.entry((int) '›', "'"), Map.entry((int) '´', "'"), Map.entry((int) '`', "'"),
            Map.entry((int) '“', "\""), Map.entry((int) '”', "\""), Map.entry((int) '„', "\""), Map.entry((int) '‟', "\""),
            Map.entry((int) '«', "\""), Map.entry((int) '»', "\""),
            Map.entry((int) '–', "-"), Map.entry((int) '—', "-"), Map.entry((int) '‒', "-"), Map.entry((int) '―', "-"),
            Map.entry((int) '−', "-"), Map.entry((int) '‐', "-"), Map.entry((int) '•', "-"),
            Map.entry((int) '…', "..."), Map.entry((int) '\u00A0', " "), Map.entry((int) '\u202F', " "),
            Map.entry((int) '\t', " "));

    public enum Encoding { GSM7, UCS2 }

    /** How a text is billed: its encoding, its length in that encoding's units, and the number of parts. */
    public record Segments(Encoding encoding, int units, int parts) {
    }

    private SmsText() {
    }

    /** A bot message as one SMS: its text, then each choice on a numbered line ("1. …"); a number picks it. */
    public static String render(Message message) {
        return render(message.text(), message.choices());
    }

    static String render(String text, List<Choice> choices) {
        var out = new StringBuilder(text == null ? "" : text.strip());
        for (int i = 0; i < choices.size(); i++) {
            out.append(out.isEmpty() ? "" : "\n").append(i + 1).append(". ").append(choices.get(i).label());
        }
        return out.toString();
    }

    /**
     * Normalised and cut to fit, then redacted: what actually goes to the provider, and the only way to make it.
     * Redaction comes last because the shaping joins what kept digits apart for the redactor (an emoji dropped, four
     * tabs become one space); a number it brings together goes out as the placeholder.
     */
    public static RedactedText fit(String text) {
        return Redactor.redact(truncate(normalise(text)));
    }

    /**
     * Maps typographic characters to their GSM-7 look-alikes, strips accents GSM-7 lacks (á → a), and drops what has
     * no GSM-7 form (emoji, symbols). æøåÆØÅ are GSM-7 and stay as they are.
     */
    public static String normalise(String text) {
        var out = new StringBuilder(text.length());
        Normalizer.normalize(text, Normalizer.Form.NFC).codePoints().forEach(cp -> {
            String replacement = REPLACEMENTS.get(cp);
            if (replacement != null) {
                out.append(replacement);
            } else if (isGsm(cp)) {
                out.appendCodePoint(cp);
            } else {
                String base = MARKS.matcher(Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD))
                        .replaceAll("");
                if (!base.isEmpty() && base.codePoints().allMatch(SmsText::isGsm)) {
                    out.append(base);
                }
            }
        });
        String spaced = SPACES_AROUND_NEWLINE.matcher(out).replaceAll("\n");
        return DOUBLE_SPACES.matcher(spaced).replaceAll(" ").strip();
    }

    public static Segments segments(String text) {
        if (text.codePoints().allMatch(SmsText::isGsm)) {
            int septets = text.codePoints().map(cp -> GSM_EXTENSION.indexOf(cp) >= 0 ? 2 : 1).sum();
            return new Segments(Encoding.GSM7, septets, parts(septets, 160, 153));
        }
        int units = text.length();
        return new Segments(Encoding.UCS2, units, parts(units, 70, 67));
    }

    private static int parts(int units, int single, int perPart) {
        if (units == 0) {
            return 0;
        }
        return units <= single ? 1 : (units + perPart - 1) / perPart;
    }

    /** Cuts at a word boundary and marks the cut, so the debtor sees the text was shortened. */
    static String truncate(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        String ellipsis = "...";
        int limit = MAX_CHARS - ellipsis.length();
        int cut = text.lastIndexOf(' ', limit);
        int newline = text.lastIndexOf('\n', limit);
        cut = Math.max(cut, newline);
        if (cut < limit / 2) {
            cut = limit;
        }
        return text.substring(0, cut).stripTrailing() + ellipsis;
    }

    static boolean isGsm(int codePoint) {
        return GSM_BASIC.indexOf(codePoint) >= 0 || GSM_EXTENSION.indexOf(codePoint) >= 0;
    }
}
