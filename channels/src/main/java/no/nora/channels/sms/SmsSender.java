package no.nora.channels.sms;

import io.vertx.core.Future;
import java.net.URI;
import java.util.Optional;
import no.nora.redact.RedactedText;

/**
 * Sends one SMS. {@link TwilioSmsSender} in production, {@link LogSmsSender} in the embedded demo. Callers hand in
 * text made SMS-shaped and then redacted ({@link SmsText#fit}: a body is {@link RedactedText}, which only the
 * redactor can make) and have already checked opt-outs ({@link SmsOutbound}). A sender sends the body as it is.
 */
public interface SmsSender {

    /** Our own number (the sender), which is also the {@code To} of every reply we receive. */
    String from();

    Future<SentSms> send(String to, RedactedText body, Optional<URI> statusCallback);

    /** What the provider answered: its message id and first status (e.g. {@code queued}). */
    record SentSms(String sid, String status) {
    }
}
