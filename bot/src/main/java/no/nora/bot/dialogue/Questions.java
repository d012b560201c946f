package no.nora.bot.dialogue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * "Har dere fått betalingen, og hva er saldoen nå?": a message split where a second question begins – after a
 * question mark, or at "og"/"and" followed by a question word. At most two parts; one when there is no second.
 */
final class Questions {
    private static final Pattern SECOND_QUESTION = Pattern.compile(
            "\\?\\s+(?=\\p{L})|,?\\s+(?:og|and|også|og så)\\s+(?=(?:hva|hvor|når|kan|har|er|hvordan|kva|kor|korleis|"
                    + "what|when|how|can|could|have|has|is|do|did|send|sende)\\b)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** "… fakturaen? Og når forfaller den?": the second question without its "og". */
    private static final Pattern LEADING_AND = Pattern.compile("^(?:og|and|også|also)\\s+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private Questions() {
    }

    static List<String> split(String text) {
        var matcher = SECOND_QUESTION.matcher(text);
        if (!matcher.find()) {
            return List.of(text);
        }
        var parts = new ArrayList<String>();
        parts.add(text.substring(0, matcher.start()).strip());
        parts.add(LEADING_AND.matcher(text.substring(matcher.end()).strip()).replaceFirst(""));
        return parts.stream().anyMatch(String::isEmpty) ? List.of(text) : List.copyOf(parts);
    }
}
