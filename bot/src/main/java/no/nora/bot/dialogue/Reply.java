package no.nora.bot.dialogue;

import java.util.List;
import no.nora.bot.conversation.Choice;
import no.nora.bot.conversation.Link;

/**
 * What the bot says, channel-neutral: the web shows choices as buttons, SMS as numbered lines; links are buttons to
 * elsewhere on the web, and the text itself says where to go for SMS.
 */
public record Reply(String text, List<Choice> choices, List<Link> links) {
    public Reply {
        choices = List.copyOf(choices);
        links = List.copyOf(links);
    }

    public Reply(String text, List<Choice> choices) {
        this(text, choices, List.of());
    }

    public static Reply of(String text) {
        return new Reply(text, List.of(), List.of());
    }

    public static Reply withLink(String text, Link link) {
        return new Reply(text, List.of(), List.of(link));
    }
}
