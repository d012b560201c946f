package no.nora.channels.sms;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import no.nora.bot.metrics.Redactions;
import no.nora.bot.metrics.TaggedCounter;
import no.nora.channels.http.ApiException;

/**
 * {@code POST /sms/twilio/inbound}: verify the signature, redact the Body, hand the message to the {@link SmsInbox},
 * acknowledge with an empty TwiML response. Replies go out later through the REST API, never in the TwiML.
 */
final class TwilioWebhook {
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private final TwilioSignature signature;
    private final SmsInbox inbox;
    private final MeterRegistry metrics;
    private final TaggedCounter redactions;

    TwilioWebhook(TwilioSignature signature, SmsInbox inbox, MeterRegistry metrics) {
        this.signature = signature;
        this.inbox = inbox;
        this.metrics = metrics;
        this.redactions = Redactions.byChannel(metrics);
    }

    /** Verify, redact, hand over (which sends the message to be kept), acknowledge: the turn runs afterwards. */
    void inbound(RoutingContext ctx) {
        try {
            accept(signature.urlOf(ctx.request()), params(ctx), ctx.request().getHeader(TwilioSignature.HEADER));
        } catch (ApiException refused) {
            ctx.fail(refused);
            return;
        }
        ctx.response().putHeader("Content-Type", "text/xml; charset=utf-8").end(EMPTY_TWIML);
    }

    /** Verifies and hands over to the {@link SmsInbox}. */
    void accept(String url, Map<String, String> params, String signed) {
        verify(url, params, signed);
        var sms = InboundSms.of(params);
        if (sms.body().wasRedacted()) {
            redactions.increment("sms", sms.body().redactions());
        }
        inbox.accept(sms);
    }

    void verify(String url, Map<String, String> params, String signed) {
        if (!signature.verify(url, params, signed)) {
            Counter.builder("nora.sms.signature.rejected").description("Webhooks refused for a missing or wrong signature")
                    .register(metrics).increment();
            throw ApiException.forbidden("The request does not carry a valid Twilio signature.");
        }
    }

    static Map<String, String> params(RoutingContext ctx) {
        var params = new LinkedHashMap<String, String>();
        ctx.request().formAttributes().forEach(entry -> params.putIfAbsent(entry.getKey(), entry.getValue()));
        return params;
    }
}
