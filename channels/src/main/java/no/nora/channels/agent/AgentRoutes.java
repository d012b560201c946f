package no.nora.channels.agent;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import no.nora.bot.ConversationNotFoundException;
import no.nora.bot.conversation.Message;
import no.nora.bot.conversation.StoreUnavailableException;
import no.nora.bot.handoff.Agent;
import no.nora.bot.handoff.HandoffForbidden;
import no.nora.bot.handoff.HandoffRefused;
import no.nora.bot.handoff.Handoffs;
import no.nora.channels.http.ApiException;
import no.nora.channels.http.JsonBodies;
import no.nora.channels.http.ServiceAuth;
import no.nora.redact.Redactor;

/**
 * The agent API under {@code /api/agent}: the queue, one conversation, claim, messages (public or private), release
 * and close; the live feed at {@code /api/agent/ws}; and, in demo mode only, {@code POST /demo/agent-login}.
 */
public final class AgentRoutes {
    private static final int MAX_TEXT = 2_000;
    private static final int MAX_NAME = 60;
    private static final String AGENT = "agent";

    private final Vertx vertx;
    private final Handoffs handoffs;
    private final AgentTokens tokens;
    private final Clock clock;

    public AgentRoutes(Vertx vertx, Handoffs handoffs, AgentTokens tokens, Clock clock) {
        this.vertx = vertx;
        this.handoffs = handoffs;
        this.tokens = tokens;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.post("/demo/agent-login").handler(BodyHandler.create(false).setBodyLimit(4 * 1024)).handler(ctx -> {
            if (tokens.demo()) {
                demoLogin(ctx);
            } else {
                ctx.fail(ApiException.notFound("Demo sign-in is off: agents sign in with the company's tokens."));
            }
        });
        // The WebSocket carries its token in its first message, so it comes before the bearer check.
        router.get("/api/agent/ws").handler(ctx -> new AgentSocket(vertx, handoffs, tokens).accept(ctx));
        router.route("/api/agent/*").handler(this::authenticate);
        router.get("/api/agent/queue").handler(this::queue);
        router.get("/api/agent/conversations/:id").handler(this::details);
        router.post("/api/agent/conversations/:id/claim").handler(ctx ->
                respond(ctx, handoffs.claim(id(ctx), agent(ctx)).map(e -> e.view(clock.instant()))));
        router.post("/api/agent/conversations/:id/messages").handler(this::message);
        router.post("/api/agent/conversations/:id/release").handler(ctx ->
                respond(ctx, handoffs.release(id(ctx), agent(ctx)).map(v -> new JsonObject().put("status", "bot"))));
        router.post("/api/agent/conversations/:id/close").handler(ctx ->
                respond(ctx, handoffs.close(id(ctx), agent(ctx)).map(v -> new JsonObject().put("status", "closed"))));
    }

    private void demoLogin(RoutingContext ctx) {
        var body = body(ctx);
        String name = JsonBodies.requiredText(body, "name").trim();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw ApiException.badRequest("The field 'name' must be 1 to " + MAX_NAME + " characters.");
        }
        String roleCode = JsonBodies.optionalText(body, "role");
        var role = Agent.Role.fromCode(roleCode == null ? "agent" : roleCode)
                .orElseThrow(() -> ApiException.badRequest("The field 'role' must be 'agent' or 'supervisor'."));
        String token = tokens.demoToken(name, role);
        tokens.verify(token).onComplete(verified -> {
            if (verified.failed()) {
                ctx.fail(verified.cause());
                return;
            }
            json(ctx, 200, new JsonObject().put("token", token).put("agent", agentJson(verified.result())));
        });
    }

    private void authenticate(RoutingContext ctx) {
        var token = ServiceAuth.bearer(ctx);
        if (token.isEmpty()) {
            ctx.fail(ApiException.unauthorized("An agent token is required (Authorization: Bearer <token>)."));
            return;
        }
        tokens.verify(token.get()).onComplete(result -> {
            if (result.succeeded()) {
                ctx.put(AGENT, result.result());
                ctx.next();
            } else {
                ctx.fail(ApiException.unauthorized("The agent token is not valid."));
            }
        });
    }

    private void queue(RoutingContext ctx) {
        var agent = agent(ctx);
        respond(ctx, handoffs.queue(agent).map(entries -> new JsonObject()
                .put("agent", agentJson(agent))
                .put("queue", new JsonArray(entries.stream().map(e -> e.view(clock.instant())).toList()))));
    }

    private void details(RoutingContext ctx) {
        respond(ctx, handoffs.details(id(ctx), agent(ctx)).map(d -> {
            var json = d.entry().map(e -> e.view(clock.instant())).orElseGet(() -> new JsonObject()
                    .put("conversationId", d.state().id())
                    .put("channel", d.state().channel().code())
                    .put("language", d.state().language().code())
                    .put("caseId", d.state().caseId().orElse(null)));
            return json.put("status", d.state().handoff().code())
                    .put("transcript", new JsonArray(d.transcript().stream().map(Message::toJson).toList()));
        }));
    }

    private void message(RoutingContext ctx) {
        var body = body(ctx);
        String text = JsonBodies.requiredText(body, "text").strip();
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            throw ApiException.badRequest("The field 'text' must be 1 to " + MAX_TEXT + " characters.");
        }
        Object priv = body.getValue("private", false);
        if (!(priv instanceof Boolean internal)) {
            throw ApiException.badRequest("The field 'private' must be true or false.");
        }
        // Agents paste things too: their text is redacted like the debtor's.
        handoffs.say(id(ctx), agent(ctx), Redactor.redact(text), internal).onComplete(result -> {
            if (result.succeeded()) {
                json(ctx, 201, new JsonObject().put("message", result.result().toJson()));
            } else {
                ctx.fail(failure(result.cause()));
            }
        });
    }

    /** The JSON object in the body, read as every other endpoint reads it. */
    private static JsonObject body(RoutingContext ctx) {
        return JsonBodies.object(ctx);
    }

    private static String id(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (id == null || !id.matches("[A-Za-z]{10,64}")) {
            throw ApiException.notFound("There is no such conversation.");
        }
        return id;
    }

    private static Agent agent(RoutingContext ctx) {
        return ctx.get(AGENT);
    }

    static JsonObject agentJson(Agent agent) {
        return new JsonObject().put("id", agent.id()).put("name", agent.name()).put("role", agent.role().code());
    }

    private static void respond(RoutingContext ctx, Future<JsonObject> result) {
        result.onComplete(done -> {
            if (done.succeeded()) {
                json(ctx, 200, done.result());
            } else {
                ctx.fail(failure(done.cause()));
            }
        });
    }

    private static Throwable failure(Throwable cause) {
        if (cause instanceof HandoffRefused refused) {
            return ApiException.conflict(refused.getMessage() + ".");
        }
        if (cause instanceof HandoffForbidden) {
            return ApiException.forbidden("This conversation is another agent's.");
        }
        if (cause instanceof ConversationNotFoundException) {
            return ApiException.notFound("There is no such conversation.");
        }
        if (cause instanceof StoreUnavailableException) {
            return new ApiException(503, "unavailable", "The store is not answering. Please try again.");
        }
        return cause;
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }
}
