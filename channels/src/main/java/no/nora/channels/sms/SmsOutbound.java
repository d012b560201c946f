package no.nora.channels.sms;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.net.URI;
import java.util.Optional;
import no.nora.bot.metrics.TaggedCounter;
import no.nora.redact.RedactedText;

/**
 * Every SMS we send passes here: refused for opted-out numbers before the provider is called, made SMS-shaped and
 * redacted after that, sent with our delivery-status callback, and counted.
 */
final class SmsOutbound {
    private final SmsSender sender;
    private final OptOuts optOuts;
    private final URI statusCallback;
    private final TaggedCounter sent;
    private final Counter refusedOptedOut;
    private final DistributionSummary segments;

    SmsOutbound(SmsSender sender, OptOuts optOuts, URI statusCallback, MeterRegistry metrics) {
        this.sender = sender;
        this.optOuts = optOuts;
        this.statusCallback = statusCallback;
        this.refusedOptedOut = Counter.builder("nora.sms.refused.opted.out")
                .description("SMS not sent because the number opted out").register(metrics);
        this.segments = DistributionSummary.builder("nora.sms.segments").description("Segments per SMS sent")
                .register(metrics);
        this.sent = new TaggedCounter(metrics, "nora.sms.sent", "outcome",
                "SMS handed to the provider, by outcome");
    }

    String from() {
        return sender.from();
    }

    /** Fails with {@link OptedOutException} for a number that opted out. */
    Future<SmsSender.SentSms> send(String to, String text) {
        return optOuts.optedOut(to).compose(out -> {
            if (out) {
                refusedOptedOut.increment();
                return Future.failedFuture(new OptedOutException());
            }
            return sendEvenIfOptedOut(to, text);
        });
    }

    /** Only for the confirmation of an opt-out itself. */
    Future<SmsSender.SentSms> sendEvenIfOptedOut(String to, String text) {
        RedactedText body = SmsText.fit(text);
        int parts = SmsText.segments(body.text()).parts();
        segments.record(parts);
        return sender.send(to, body, Optional.of(statusCallback))
                .onSuccess(accepted -> sent.increment("sent"))
                .onFailure(failure -> sent.increment("failed"));
    }
}
