package no.nora.bot;

import java.util.Optional;
import no.nora.redact.RedactedText;

/**
 * A debtor's message as a channel hands it over: already redacted, with the client's key for retries
 * ({@code clientMessageId} on the web, {@code MessageSid} on SMS) when there is one.
 */
public record Inbound(Optional<String> clientKey, RedactedText text) {
}
