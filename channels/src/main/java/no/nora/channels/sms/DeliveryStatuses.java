package no.nora.channels.sms;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import no.nora.bot.conversation.ConversationStore;
import no.nora.bot.conversation.Ids;
import no.nora.bot.metrics.TaggedCounter;
import no.nora.channels.http.ApiException;

/**
 * {@code POST /sms/twilio/status}: Twilio's delivery callbacks, which arrive in any order. Each message's status
 * only moves forward ({@link DeliveryStatus}); a final failure keeps Twilio's error code. Stored under a hash of the
 * sid, since a sid's hex can hold long digit runs.
 */
final class DeliveryStatuses {
    private static final Duration KEEP = Duration.ofDays(7);

    /** A message's delivery as stored: {@code delivered} or {@code failed:30003}. */
    record Delivery(DeliveryStatus status, Optional<String> errorCode) {
        String stored() {
            return status.code() + errorCode.map(c -> ":" + c).orElse("");
        }

        static Optional<Delivery> parse(String stored) {
            String[] parts = stored.split(":", 2);
            return DeliveryStatus.of(parts[0])
                    .map(s -> new Delivery(s, parts.length > 1 ? Optional.of(parts[1]) : Optional.empty()));
        }
    }

    private final TwilioWebhook webhook;
    private final TwilioSignature signature;
    private final ConversationStore store;
    private final OneAtATime order;
    private final TaggedCounter statuses;

    DeliveryStatuses(TwilioWebhook webhook, TwilioSignature signature, ConversationStore store, OneAtATime order,
                     MeterRegistry metrics) {
        this.webhook = webhook;
        this.signature = signature;
        this.store = store;
        this.order = order;
        this.statuses = new TaggedCounter(metrics, "nora.sms.status", "status",
                "Delivery statuses Twilio reported for SMS sent, by status");
    }

    void callback(RoutingContext ctx) {
        Map<String, String> params;
        try {
            params = TwilioWebhook.params(ctx);
            webhook.verify(signature.urlOf(ctx.request()), params, ctx.request().getHeader(TwilioSignature.HEADER));
            webhook.parameters().checkStatus(params);
        } catch (ApiException refused) {
            webhook.refuse(ctx, refused);
            return;
        }
        String sid = params.get("MessageSid");
        var status = DeliveryStatus.of(params.get("MessageStatus"));
        if (sid == null || sid.isBlank() || status.isEmpty()) {
            throw ApiException.badRequest("MessageSid and a known MessageStatus are required.");
        }
        var errorCode = Optional.ofNullable(params.get("ErrorCode")).filter(c -> c.matches("[0-9]{1,6}"));
        record(sid, new Delivery(status.get(), status.get().isFinal() ? errorCode : Optional.empty()))
                .onSuccess(stored -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    /** Applies one callback; returns the status that holds afterwards. */
    Future<Delivery> record(String sid, Delivery next) {
        String key = key(sid);
        return order.run(key, () -> current(sid).compose(current -> {
            if (current.isPresent() && !current.get().status().canMoveTo(next.status())) {
                return Future.succeededFuture(current.get());
            }
            statuses.increment(next.status().code());
            return store.putLookup(key, next.stored(), KEEP).map(next);
        }));
    }

    Future<Optional<Delivery>> current(String sid) {
        return store.lookup(key(sid)).map(found -> found.flatMap(Delivery::parse));
    }

    private static String key(String sid) {
        return "sms:status:" + Ids.hash(sid);
    }
}
