package no.nora.channels.webchat;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.util.Optional;
import no.nora.bot.ConversationEngine;
import no.nora.bot.Inbound;
import no.nora.bot.Turn;
import no.nora.bot.metrics.Redactions;
import no.nora.bot.metrics.TaggedCounter;
import no.nora.channels.http.ApiException;
import no.nora.channels.http.RateLimits;
import no.nora.channels.http.TooManyRequests;
import no.nora.redact.RedactedText;
import no.nora.redact.Redactor;

/**
 * The one way a debtor's chat message reaches the engine, from REST and WebSocket alike: redact, check, limit, hand
 * over. The text is redacted before anything else looks at it.
 */
final class DebtorMessages {
    static final int MAX_TEXT_CHARS = 2000;
    static final int MAX_CLIENT_MESSAGE_ID_CHARS = 100;

    private final ConversationEngine engine;
    private final RateLimits perConversation;
    private final TaggedCounter redactions;

    DebtorMessages(ConversationEngine engine, RateLimits perConversation, MeterRegistry metrics) {
        this.engine = engine;
        this.perConversation = perConversation;
        this.redactions = Redactions.byChannel(metrics);
    }

    /**
     * @param token        the conversation token the client presented
     * @param tokenChecked whether it was checked already (an open WebSocket was, when it opened); otherwise the turn
     *                     checks it against the state it reads anyway
     */
    Future<Turn> receive(String conversationId, String rawText, Optional<String> clientMessageId, String token,
                         boolean tokenChecked) {
        RedactedText text = Redactor.redact(rawText);
        redactions.increment("web", text.redactions());
        if (rawText.length() > MAX_TEXT_CHARS) {
            return Future.failedFuture(new ApiException(413, "text_too_long",
                    "A message can be at most " + MAX_TEXT_CHARS + " characters long."));
        }
        if (text.isBlank()) {
            return Future.failedFuture(ApiException.badRequest("The field 'text' must not be blank."));
        }
        if (clientMessageId.isPresent() && (clientMessageId.get().isBlank()
                || clientMessageId.get().length() > MAX_CLIENT_MESSAGE_ID_CHARS)) {
            return Future.failedFuture(ApiException.badRequest("The field 'clientMessageId' must be 1 to "
                    + MAX_CLIENT_MESSAGE_ID_CHARS + " characters long."));
        }
        // Counted per conversation and token: requests with a wrong token (someone who knows only the id) cannot
        // use up the debtor's own messages.
        var wait = perConversation.take(conversationId + " " + token);
        if (wait.isPresent()) {
            return Future.failedFuture(new TooManyRequests(wait.get()));
        }
        return engine.receive(conversationId, new Inbound(clientMessageId, text,
                tokenChecked ? Optional.empty() : Optional.of(token)));
    }
}
