package no.nora.bot;

import java.util.Optional;
import no.nora.bot.conversation.Ids;
import no.nora.redact.RedactedText;

/**
 * A debtor's message as a channel hands it over: already redacted, with the client's key for retries
 * ({@code clientMessageId} on the web, {@code MessageSid} on SMS) when there is one, and the conversation token
 * when the turn itself must check it (a web request): a wrong token fails like an unknown conversation.
 */
public record Inbound(Optional<String> clientKey, RedactedText text, Optional<String> token) {

    /** The client's key is stored (to answer a retry) and may hold anything: it is kept as {@link Ids#external}. */
    public Inbound {
        clientKey = clientKey.map(Ids::external);
    }

    /** A message from a channel that has already made sure who is writing (SMS, an open WebSocket). */
    public Inbound(Optional<String> clientKey, RedactedText text) {
        this(clientKey, text, Optional.empty());
    }
}
