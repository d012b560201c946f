package no.nora.channels.sms;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.net.URI;
import java.util.Optional;
import no.nora.bot.metrics.TaggedCounter;

/**
 * Every SMS we send passes here: refused for opted-out numbers before the provider is called, made SMS-shaped,
 * sent with our delivery-status callback, and counted.
 */
final class SmsOutbound {
    private final SmsSender sender;
    private final OptOuts optOuts;
    private final URI statusCallback;
    private final MeterRegistry metrics;
    private final TaggedCounter sent;

    SmsOutbound(SmsSender sender, OptOuts optOuts, URI statusCallback, MeterRegistry metrics) {
        this.sender = sender;
        this.optOuts = optOuts;
        this.statusCallback = statusCallback;
        this.metrics = metrics;
        this.sent = new TaggedCounter(metrics, "nora.sms.sent", "outcome");
    }

    String from() {
        return sender.from();
    }

    /** Fails with {@link OptedOutException} for a number that opted out. */
    Future<SmsSender.SentSms> send(String to, String text) {
        return optOuts.optedOut(to).compose(out -> {
            if (out) {
                metrics.counter("nora.sms.refused.opted.out").increment();
                return Future.failedFuture(new OptedOutException());
            }
            return sendEvenIfOptedOut(to, text);
        });
    }

    /** Only for the confirmation of an opt-out itself. */
    Future<SmsSender.SentSms> sendEvenIfOptedOut(String to, String text) {
        String body = SmsText.fit(text);
        int parts = SmsText.segments(body).parts();
        metrics.summary("nora.sms.segments").record(parts);
        return sender.send(to, body, Optional.of(statusCallback))
                .onSuccess(accepted -> sent.increment("sent"))
                .onFailure(failure -> sent.increment("failed"));
    }
}
