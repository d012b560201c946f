package no.nora.channels.webchat;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import no.nora.bot.ConversationEngine;
import no.nora.bot.ConversationNotFoundException;
import no.nora.bot.NewConversation;
import no.nora.bot.Turn;
import no.nora.bot.caseapi.DemoCaseApi;
import no.nora.bot.conversation.ConversationState;
import no.nora.bot.conversation.Message;
import no.nora.bot.conversation.StoreUnavailableException;
import no.nora.channels.config.GatewayConfig.JwtKey;
import no.nora.channels.http.ApiException;
import no.nora.channels.http.ClientAddress;
import no.nora.channels.http.ClientLimits;
import no.nora.channels.http.RateLimits;
import no.nora.channels.http.TooManyRequests;
import no.nora.channels.http.JsonBodies;
import no.nora.channels.http.ServiceAuth;
import no.nora.intents.Language;

/**
 * The web chat's REST API, WebSocket and demo sign-in. Each handler reads "check, hand over, render"; the rules
 * themselves live in {@link ConversationAccess}, {@link DebtorMessages}, {@link MyPageTokens} and {@link RateLimits}.
 */
public final class ChatRoutes {
    /** Limits per conversation (debtor messages) and per client address (every chat request). */
    public record Limits(int messagesPerConversationPerMinute, int requestsPerAddressPerMinute) {
        public static Limits standard() {
            return new Limits(RateLimits.MESSAGES_PER_CONVERSATION.perMinute(),
                    RateLimits.REQUESTS_PER_ADDRESS.perMinute());
        }
    }

    private final Vertx vertx;
    private final ConversationEngine engine;
    private final MyPageTokens myPage;
    private final ServiceAuth serviceAuth;
    private final ConversationAccess access;
    private final DebtorMessages messages;
    /** Every chat request, per client address. */
    private final ClientLimits perAddress;

    /** WebSocket upgrades per client address and minute: an open socket costs memory, so opening them is dear. */
    static final int SOCKET_UPGRADES_PER_ADDRESS_PER_MINUTE = 60;

    /** Who the demo's sign-in offers: every debtor of the demo case API's fixtures (none with a real case API). */
    private final List<DemoCaseApi.DemoDebtor> demoDebtors;
    private final ClientLimits upgrades;

    public ChatRoutes(Vertx vertx, ConversationEngine engine, JwtKey myPageKey, ServiceAuth serviceAuth,
                      MeterRegistry metrics, Limits limits, ClientAddress clients,
                      List<DemoCaseApi.DemoDebtor> demoDebtors) {
        this.demoDebtors = demoDebtors;
        this.upgrades = new ClientLimits(Math.max(SOCKET_UPGRADES_PER_ADDRESS_PER_MINUTE,
                limits.requestsPerAddressPerMinute() / 2), clients);
        this.vertx = vertx;
        this.engine = engine;
        this.myPage = MyPageTokens.from(vertx, myPageKey);
        this.serviceAuth = serviceAuth;
        this.access = new ConversationAccess(engine);
        this.messages = new DebtorMessages(engine,
                new RateLimits(new RateLimits.Limit(limits.messagesPerConversationPerMinute()), Clock.systemUTC()),
                metrics);
        this.perAddress = new ClientLimits(limits.requestsPerAddressPerMinute(), clients);
    }

    public void mount(Router router) {
        router.route("/api/chat/*").handler(perAddress);
        router.route("/api/conversations/*").handler(perAddress);
        router.post("/api/chat/sessions").handler(this::start);
        router.post("/api/chat/sessions/:id/messages").handler(this::send);
        router.get("/api/chat/sessions/:id/messages").handler(this::transcript);
        router.get("/api/chat/sessions/:id/ws").handler(upgrades)
                .handler(ctx -> ChatSocket.accept(vertx, engine, access, messages, ctx));
        router.delete("/api/conversations/:id").handler(this::erase);
        if (myPage.demo()) {
            new DemoLogin(myPage, demoDebtors).mount(router);
        } else {
            router.route("/demo/login").handler(ctx -> ctx.fail(404));
        }
    }

    private void start(RoutingContext ctx) {
        var body = JsonBodies.object(ctx);
        String code = JsonBodies.optionalText(body, "language");
        Language language = code == null ? Language.NB : Language.fromCode(code)
                .orElseThrow(() -> ApiException.badRequest("The field 'language' must be \"nb\", \"nn\" or \"en\"."));
        Future<Optional<MyPageTokens.SignIn>> debtor = ServiceAuth.bearer(ctx)
                .map(token -> myPage.signIn(token).map(Optional::of))
                .orElseGet(() -> Future.succeededFuture(Optional.empty()));
        debtor.compose(signIn -> engine.start(signIn.map(s -> NewConversation.signedIn(language, s.debtorId(), s.until()))
                        .orElseGet(() -> NewConversation.web(language, Optional.empty()))))
                .onSuccess(started -> json(ctx, 201, new JsonObject()
                        .put("conversationId", started.state().id())
                        .put("token", started.token())
                        .put("language", started.state().language().code())
                        .put("messages", render(started.messages()))))
                .onFailure(failure -> fail(ctx, failure));
    }

    private void send(RoutingContext ctx) {
        var body = JsonBodies.object(ctx);
        String text = JsonBodies.requiredText(body, "text");
        Optional<String> clientMessageId = Optional.ofNullable(JsonBodies.optionalText(body, "clientMessageId"));
        String id = ctx.pathParam("id");
        Optional<String> token = ServiceAuth.bearer(ctx);
        if (token.isEmpty()) {
            fail(ctx, ConversationAccess.missing());
            return;
        }
        // The token is checked inside the turn, against the state the turn reads anyway: one read less.
        messages.receive(id, text, clientMessageId, token.get(), false)
                .recover(failure -> Future.failedFuture(failure instanceof ConversationNotFoundException
                        ? ConversationAccess.refused() : failure))
                .onSuccess(turn -> json(ctx, 200, new JsonObject().put("messages", render(turn))
                        .put("language", turn.state().language().code())))
                .onFailure(failure -> fail(ctx, failure));
    }

    private void transcript(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Optional<String> after = Optional.ofNullable(ctx.queryParams().get("after")).filter(a -> !a.isBlank());
        // With the conversation's language: the widget shows its own texts in it.
        opened(ctx)
                .compose(state -> engine.transcript(id, after, false).map(list -> new JsonObject()
                        .put("messages", render(list)).put("language", state.language().code())))
                .onSuccess(body -> json(ctx, 200, body))
                .onFailure(failure -> fail(ctx, failure));
    }

    /** Erasure on request (GDPR): by the debtor with the conversation token, or by a service with SERVICE_TOKEN. */
    private void erase(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String token = ServiceAuth.bearer(ctx).orElse(null);
        if (token == null) {
            fail(ctx, ConversationAccess.missing());
            return;
        }
        Future<?> allowed = serviceAuth.matches(token) ? Future.succeededFuture() : access.open(id, token);
        allowed.compose(ok -> engine.erase(id))
                .onSuccess(done -> ctx.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end())
                .onFailure(failure -> fail(ctx, failure));
    }

    private Future<ConversationState> opened(RoutingContext ctx) {
        return ServiceAuth.bearer(ctx)
                .map(token -> access.open(ctx.pathParam("id"), token))
                .orElseGet(() -> Future.failedFuture(ConversationAccess.missing()));
    }

    static JsonArray render(List<Message> list) {
        return new JsonArray(list.stream().filter(m -> !m.internal()).map(Message::toJson).toList());
    }

    static JsonArray render(Turn turn) {
        var all = new java.util.ArrayList<Message>();
        all.add(turn.debtorMessage());
        all.addAll(turn.replies());
        return render(all);
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }

    /** Turns engine and limit failures into the gateway's JSON errors. */
    static void fail(RoutingContext ctx, Throwable failure) {
        ctx.fail(asApiFailure(failure, ctx));
    }

    static Throwable asApiFailure(Throwable failure, RoutingContext ctx) {
        if (failure instanceof TooManyRequests limited) {
            if (ctx != null) {
                ctx.response().putHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
            }
            return limited.asApiException();
        }
        if (failure instanceof ConversationNotFoundException) {
            return ApiException.notFound("This conversation does not exist or has been erased.");
        }
        if (failure instanceof StoreUnavailableException) {
            if (ctx != null) {
                ctx.response().putHeader("Retry-After", "5");
            }
            return new ApiException(503, "store_unavailable",
                    "The chat is unavailable for a moment. Your message was not received; please send it again.");
        }
        return failure;
    }
}
