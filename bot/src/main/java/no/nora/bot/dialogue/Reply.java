package no.nora.bot.dialogue;

import java.util.List;
import no.nora.bot.conversation.Choice;

/** What the bot says, channel-neutral: the web shows choices as buttons, SMS as numbered lines. */
public record Reply(String text, List<Choice> choices) {
    public Reply {
        choices = List.copyOf(choices);
    }

    public static Reply of(String text) {
        return new Reply(text, List.of());
    }
}
