package no.nora.channels.sms;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import no.nora.bot.Bot;
import no.nora.bot.conversation.Ids;
import no.nora.channels.config.GatewayConfig;
import no.nora.channels.http.ApiException;
import no.nora.channels.http.ClientAddress;
import no.nora.channels.http.ClientLimits;
import no.nora.channels.http.JsonBodies;
import no.nora.channels.http.ServiceAuth;

/**
 * The SMS channel, wired from configuration: Twilio with credentials, otherwise the log-only demo sender with a
 * demo auth token made at start (so even the demo's webhook requests are signed and verified – there is no unsigned
 * mode). Mounts the webhook, the delivery callback, the reminder API and, in the demo only, the outbox and the
 * "reply as the debtor" endpoint.
 */
public final class SmsChannel {
    static final String INBOUND_PATH = "/sms/twilio/inbound";
    static final String STATUS_PATH = "/sms/twilio/status";
    /** The account the demo's own signed replies name (the demo has no Twilio account). */
    static final String DEMO_ACCOUNT_SID = "AC" + "0".repeat(31) + "d";
    /** Refused (unsigned, wrongly signed or malformed) webhooks per client address and minute before 429. */
    static final int REFUSED_WEBHOOKS_PER_MINUTE = 30;
    /** How long a stop waits for the SMS being answered (the HTTP servers wait as long for their requests). */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final SmsSender sender;
    private final Optional<String> demoToken;
    private final TwilioSignature signature;
    private final TwilioWebhook webhook;
    private final DeliveryStatuses statuses;
    private final SmsReminders reminders;
    private final SmsInbox inbox;
    private final OneAtATime order;
    private final SmsOutbound outbound;

    private SmsChannel(SmsSender sender, Optional<String> demoToken, TwilioSignature signature, TwilioWebhook webhook,
                       DeliveryStatuses statuses, SmsReminders reminders, SmsInbox inbox, OneAtATime order,
                       SmsOutbound outbound) {
        this.sender = sender;
        this.demoToken = demoToken;
        this.signature = signature;
        this.webhook = webhook;
        this.statuses = statuses;
        this.reminders = reminders;
        this.inbox = inbox;
        this.order = order;
        this.outbound = outbound;
    }

    public static SmsChannel create(Vertx vertx, GatewayConfig config, Bot bot, MeterRegistry metrics,
                                    ClientAddress clients) {
        var engine = bot.engine();
        SmsSender sender;
        var tokens = new ArrayList<String>();
        Optional<String> demoToken = Optional.empty();
        if (config.twilio().isPresent()) {
            var twilio = config.twilio().get();
            sender = TwilioSmsSender.create(vertx, twilio, config.twilioApiBase(), TwilioSmsSender.Retry.standard());
            tokens.add(twilio.authToken());
            twilio.secondaryAuthToken().ifPresent(tokens::add);
        } else {
            sender = new LogSmsSender(50, Clock.systemUTC());
            demoToken = Optional.of(Ids.random(32));
            tokens.add(demoToken.get());
        }
        var signature = new TwilioSignature(tokens, config.publicUrl(), clients);
        var texts = new SmsTexts();
        var order = new OneAtATime();
        var optOuts = new OptOuts(engine.store());
        var outbound = new SmsOutbound(sender, optOuts, URI.create(signature.publicUrl(STATUS_PATH)), metrics);
        var conversations = new SmsConversations(engine, config.conversationTtl());
        var accepted = bot.acceptedMessages("sms", SmsInbox.DEDUPE_FOR, config.smsTakeOverAfter());
        var inbox = new SmsInbox(vertx, engine, accepted, conversations, outbound, optOuts, order, texts,
                Clock.systemUTC(), metrics);
        inbox.start(config.smsTakeOverAfter());
        var ours = new TwilioParameters.Ours(config.twilio().map(GatewayConfig.Twilio::accountSid).orElse(DEMO_ACCOUNT_SID),
                Set.of(sender.from()));
        var webhook = new TwilioWebhook(signature, new TwilioParameters(ours), inbox,
                new ClientLimits(REFUSED_WEBHOOKS_PER_MINUTE, clients), metrics);
        var statuses = new DeliveryStatuses(webhook, signature, engine.store(), order, metrics);
        var reminders = new SmsReminders(outbound, conversations, order, texts);
        return new SmsChannel(sender, demoToken, signature, webhook, statuses, reminders, inbox, order, outbound);
    }

    /** Expects the gateway's body handler on {@code /sms/*} and {@code /api/*}. */
    /** Inbound turns run apart from the HTTP servers' event loops (see {@link SmsInbox#runTurnsApartFrom}). */
    public void runTurnsApartFrom(Set<EventLoop> serverLoops) {
        inbox.runTurnsApartFrom(serverLoops);
    }

    public void mount(Router router, ServiceAuth serviceAuth) {
        router.post(INBOUND_PATH).handler(webhook::inbound);
        router.post(STATUS_PATH).handler(statuses::callback);
        router.post("/api/sms/reminders").handler(serviceAuth::handle).handler(reminders::send);
        if (sender instanceof LogSmsSender demo) {
            router.get("/demo/sms/outbox").handler(ctx -> ctx.json(new JsonObject().put("messages", demo.outbox())));
            router.post("/demo/sms/reply").handler(BodyHandler.create(false).setBodyLimit(8 * 1024))
                    .handler(this::demoReply);
        }
    }

    /** The demo's "reply as the debtor": signed here with the demo token, then verified like any webhook. */
    private void demoReply(RoutingContext ctx) {
        var body = JsonBodies.object(ctx);
        String from = JsonBodies.requiredText(body, "from").strip();
        if (!PhoneNumbers.isE164(from)) {
            throw ApiException.badRequest("The field 'from' must be a number in E.164 form, like +4791234567.");
        }
        var params = new LinkedHashMap<String, String>();
        params.put("MessageSid", "SM" + java.util.HexFormat.of().formatHex(randomBytes()));
        params.put("AccountSid", DEMO_ACCOUNT_SID);
        params.put("From", from);
        params.put("To", sender.from());
        params.put("Body", JsonBodies.requiredText(body, "text"));
        String url = signature.publicUrl(INBOUND_PATH);
        webhook.accept(url, params, TwilioSignature.sign(demoToken.orElseThrow(), url, params));
        ctx.response().setStatusCode(202).end();
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * Sends to a debtor in order with everything else between their number and ours (for agents' messages);
     * refused with an {@link IllegalStateException} when the number opted out.
     */
    public Future<SmsSender.SentSms> sendToDebtor(String phone, String text) {
        return order.run(SmsConversations.pair(phone, sender.from()), () -> outbound.send(phone, text))
                .recover(failure -> Future.failedFuture(failure instanceof OptedOutException
                        ? new IllegalStateException(failure.getMessage()) : failure));
    }

    /** Tells the listener about every inbound message once it is fully handled (tests, audits). */
    public void onHandled(Consumer<SmsInbox.Handled> listener) {
        inbox.onHandled(listener);
    }

    DeliveryStatuses statuses() {
        return statuses;
    }

    /** Lets the SMS being answered finish (they were acknowledged: Twilio will not send them again), then closes. */
    public Future<Void> stop() {
        return inbox.stop(STOP_GRACE).eventually(() -> sender instanceof TwilioSmsSender twilio ? twilio.close()
                : Future.succeededFuture());
    }
}
