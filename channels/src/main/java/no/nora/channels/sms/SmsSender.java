package no.nora.channels.sms;

import io.vertx.core.Future;
import java.net.URI;
import java.util.Optional;

/**
 * Sends one SMS. {@link TwilioSmsSender} in production, {@link LogSmsSender} in the embedded demo. Callers hand in
 * text already made SMS-shaped ({@link SmsText}) and have already checked opt-outs ({@link SmsOutbound}).
 */
public interface SmsSender {

    /** Our own number (the sender), which is also the {@code To} of every reply we receive. */
    String from();

    Future<SentSms> send(String to, String body, Optional<URI> statusCallback);

    /** What the provider answered: its message id and first status (e.g. {@code queued}). */
    record SentSms(String sid, String status) {
    }
}
