package no.nora.bot;

import java.util.Optional;
import no.nora.redact.RedactedText;

/**
 * A debtor's message as a channel hands it over: already redacted, with the client's key for retries
 * ({@code clientMessageId} on the web, {@code MessageSid} on SMS) when there is one, and the conversation token
 * when the turn itself must check it (a web request): a wrong token fails like an unknown conversation.
 */
public record Inbound(Optional<String> clientKey, RedactedText text, Optional<String> token) {

    /** A message from a channel that has already made sure who is writing (SMS, an open WebSocket). */
    public Inbound(Optional<String> clientKey, RedactedText text) {
        this(clientKey, text, Optional.empty());
    }
}
