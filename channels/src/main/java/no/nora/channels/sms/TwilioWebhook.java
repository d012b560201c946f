package no.nora.channels.sms;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import no.nora.bot.metrics.Redactions;
import no.nora.bot.metrics.TaggedCounter;
import no.nora.channels.http.ApiException;
import no.nora.channels.http.ClientLimits;

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
    private final TwilioParameters parameters;
    private final ClientLimits refusals;

    TwilioWebhook(TwilioSignature signature, TwilioParameters parameters, SmsInbox inbox, ClientLimits refusals,
                  MeterRegistry metrics) {
        this.signature = signature;
        this.parameters = parameters;
        this.inbox = inbox;
        this.refusals = refusals;
        this.metrics = metrics;
        this.redactions = Redactions.byChannel(metrics);
    }

    /** Verify, redact, hand over (which sends the message to be kept), acknowledge: the turn runs afterwards. */
    void inbound(RoutingContext ctx) {
        try {
            accept(signature.urlOf(ctx.request()), params(ctx), ctx.request().getHeader(TwilioSignature.HEADER));
        } catch (ApiException refused) {
            refuse(ctx, refused);
            return;
        }
        ctx.response().putHeader("Content-Type", "text/xml; charset=utf-8").end(EMPTY_TWIML);
    }

    /** Verifies and hands over to the {@link SmsInbox}. */
    void accept(String url, Map<String, String> params, String signed) {
        verify(url, params, signed);
        parameters.checkInbound(params);
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

    /** The form's parameters; a name given twice is not Twilio's doing, and is refused. */
    static Map<String, String> params(RoutingContext ctx) {
        var params = new LinkedHashMap<String, String>();
        ctx.request().formAttributes().forEach(entry -> {
            if (params.putIfAbsent(entry.getKey(), entry.getValue()) != null) {
                throw ApiException.badRequest("The webhook carries a parameter twice.");
            }
        });
        return params;
    }

    /**
     * Refused webhooks are counted per client: beyond the limit a forger gets 429 (and a log line less). Well-signed
     * requests from the same address always pass, so forgeries sent through a shared proxy cannot shut Twilio out.
     */
    void refuse(RoutingContext ctx, ApiException refused) {
        if (refusals.spent(ctx)) {
            refusals.refuse(ctx);
        } else {
            ctx.fail(refused);
        }
    }

    TwilioParameters parameters() {
        return parameters;
    }
}
