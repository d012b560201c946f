package no.nora.bot.handoff;

import io.vertx.core.Future;
import no.nora.bot.conversation.ConversationState;
import no.nora.bot.conversation.Message;

/**
 * Brings a message said outside a debtor's turn (an agent's reply, "a person joined") to the debtor's channel.
 * The web chat needs nothing: its WebSocket forwards the conversation's events. SMS plugs in its sender with
 * {@code bot.handoffs().deliverOn(Channel.SMS, delivery)}. The message is already stored when this is called.
 */
@FunctionalInterface
public interface DebtorDelivery {

    Future<Void> deliver(ConversationState state, Message message);

    /** For channels that deliver through the conversation's live events. */
    static DebtorDelivery none() {
        return (state, message) -> Future.succeededFuture();
    }
}
