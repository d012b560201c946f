package no.nora.bot;

import java.util.List;
import no.nora.bot.conversation.ConversationState;
import no.nora.bot.conversation.Message;

/** A new conversation: its state, the bearer token that opens it (shown once, stored only as a hash), first messages. */
public record Started(ConversationState state, String token, List<Message> messages) {
    public Started {
        messages = List.copyOf(messages);
    }
}
