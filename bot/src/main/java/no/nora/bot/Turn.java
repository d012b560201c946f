package no.nora.bot;

import java.util.List;
import no.nora.bot.conversation.ConversationState;
import no.nora.bot.conversation.Message;

/**
 * The result of one debtor message: the message as stored (redacted) and what was said back in that turn (bot
 * replies and system notices). {@code repeated} is true when the client's key had been seen: nothing new happened.
 */
public record Turn(ConversationState state, Message debtorMessage, List<Message> replies, boolean repeated) {
    public Turn {
        replies = List.copyOf(replies);
    }
}
