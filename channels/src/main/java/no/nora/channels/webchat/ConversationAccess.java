package no.nora.channels.webchat;

import io.vertx.core.Future;
import no.nora.bot.ConversationEngine;
import no.nora.bot.conversation.ConversationState;
import no.nora.channels.http.ApiException;

/**
 * Only the conversation's own token opens it. A wrong token and an unknown conversation get the same 403, so a
 * token cannot be used to learn which conversations exist.
 */
final class ConversationAccess {
    private final ConversationEngine engine;

    ConversationAccess(ConversationEngine engine) {
        this.engine = engine;
    }

    Future<ConversationState> open(String conversationId, String token) {
        return engine.find(conversationId).map(found -> found
                .filter(state -> state.opensWith(token))
                .orElseThrow(ConversationAccess::refused));
    }

    static ApiException refused() {
        return ApiException.forbidden("This token does not open this conversation.");
    }

    static ApiException missing() {
        return ApiException.unauthorized("The conversation token is required (Authorization: Bearer <token>).");
    }
}
