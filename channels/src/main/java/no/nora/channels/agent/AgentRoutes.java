package no.nora.channels.agent;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.nora.bot.ConversationNotFoundException;
import no.nora.bot.caseapi.CaseApi;
import no.nora.bot.conversation.ConversationState;
import no.nora.bot.conversation.Message;
import no.nora.bot.conversation.StoreUnavailableException;
import no.nora.bot.handoff.Agent;
import no.nora.bot.handoff.HandoffFigures;
import no.nora.bot.handoff.HandoffForbidden;
import no.nora.bot.handoff.HandoffOutcome;
import no.nora.bot.handoff.HandoffRefused;
import no.nora.bot.handoff.Handoffs;
import no.nora.bot.handoff.QueueEntry;
import no.nora.bot.learning.Learning;
import no.nora.bot.learning.LearningRefused;
import no.nora.channels.sms.SmsText;
import no.nora.channels.http.ApiException;
import no.nora.channels.http.JsonBodies;
import no.nora.channels.http.ServiceAuth;
import no.nora.redact.Redactor;

/**
 * The agent API under {@code /api/agent}: the inbox views, one conversation with the debtor beside it, claim,
 * messages (public or private), transfer, release and close with an outcome, agents online, canned replies, the
 * SMS preview and the supervisor's figures; the live feed at {@code /api/agent/ws}; and, in demo mode only,
 * {@code POST /demo/agent-login}.
 */
public final class AgentRoutes {
    private static final int MAX_TEXT = 2_000;
    private static final int MAX_NAME = 60;
    private static final int MAX_QUERY = 100;
    /** Searching by creditor or reference asks the case API; only this many debtors of a view are looked up. */
    private static final int MAX_CASE_LOOKUPS = 50;
    private static final String AGENT = "agent";
    /** The most frequent unanswered phrasings on the dashboard. */
    private static final int UNANSWERED_SHOWN = 10;

    private final Vertx vertx;
    private final Handoffs handoffs;
    private final DebtorPanel debtors;
    private final AgentTokens tokens;
    private final CannedReplies canned;
    private final Clock clock;
    private final Learning learning;

    public AgentRoutes(Vertx vertx, Handoffs handoffs, Learning learning, CaseApi caseApi, AgentTokens tokens,
                       CannedReplies canned, Clock clock) {
        this.learning = learning;
        this.vertx = vertx;
        this.handoffs = handoffs;
        this.debtors = new DebtorPanel(caseApi);
        this.tokens = tokens;
        this.canned = canned;
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
        router.get("/api/agent/inbox").handler(this::inbox);
        router.get("/api/agent/agents").handler(ctx -> respond(ctx, handoffs.agentsOnline()
                .map(list -> new JsonObject().put("agents", agentsJson(list)))));
        router.get("/api/agent/canned-replies").handler(ctx -> json(ctx, 200, canned.json()));
        router.get("/api/agent/figures").handler(this::figures);
        router.post("/api/agent/sms-preview").handler(this::smsPreview);
        router.get("/api/agent/conversations/:id").handler(this::details);
        router.get("/api/agent/conversations/:id/debtor").handler(this::debtor);
        router.post("/api/agent/conversations/:id/claim").handler(ctx ->
                respond(ctx, handoffs.claim(id(ctx), agent(ctx)).map(e -> e.view(clock.instant()))));
        router.post("/api/agent/conversations/:id/messages").handler(this::message);
        router.post("/api/agent/conversations/:id/transfer").handler(this::transfer);
        router.post("/api/agent/conversations/:id/release").handler(ctx ->
                respond(ctx, handoffs.release(id(ctx), agent(ctx)).map(v -> new JsonObject().put("status", "bot"))));
        router.post("/api/agent/conversations/:id/close").handler(this::close);
    }

    private void demoLogin(RoutingContext ctx) {
        var body = JsonBodies.object(ctx);
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
                    .put("lastDebtorMessageId", d.state().lastDebtorMessageId().orElse(null))
                    .put("transcript", new JsonArray(d.transcript().stream().map(Message::toAgentJson).toList()));
        }));
    }

    /** The debtor beside the transcript: cases, payments, reminder, and earlier conversations people handled. */
    private void debtor(RoutingContext ctx) {
        respond(ctx, handoffs.details(id(ctx), agent(ctx)).compose(d -> debtors.of(d.state())
                .compose(panel -> d.entry().map(handoffs::earlier).orElseGet(() -> Future.succeededFuture(List.of()))
                        .map(earlier -> panel.put("earlier", new JsonArray(earlier.stream()
                                .map(e -> e.view(clock.instant())).toList()))))));
    }

    /** One view of the inbox, filtered and searched, with every view's count for the tabs. */
    private void inbox(RoutingContext ctx) {
        var agent = agent(ctx);
        var query = InboxQuery.from(ctx.queryParams(), agent, MAX_QUERY);
        var waiting = handoffs.waiting();
        var assigned = handoffs.assigned(agent);
        var ended = handoffs.recentlyEnded(agent);
        respond(ctx, Future.all(waiting, assigned, ended).compose(all -> {
            var mine = assigned.result().stream().filter(e -> e.agentId().equals(Optional.of(agent.id()))).toList();
            var counts = new JsonObject().put("queue", waiting.result().size()).put("mine", mine.size())
                    .put("ended", ended.result().size());
            if (agent.supervisor()) {
                counts.put("open", waiting.result().size() + assigned.result().size());
            }
            List<QueueEntry> shown = switch (query.view()) {
                case QUEUE -> waiting.result();
                case MINE -> mine;
                case OPEN -> concat(waiting.result(), assigned.result());
                case ENDED -> ended.result();
            };
            return withStates(shown.stream().filter(query::matchesFilters).toList())
                    .compose(items -> search(items, query))
                    .map(items -> new JsonObject()
                            .put("agent", agentJson(agent))
                            .put("view", query.view().code())
                            .put("counts", counts)
                            .put("items", new JsonArray(items.stream().map(i -> i.entry().view(clock.instant())
                                    .put("lastDebtorMessageId", i.state().flatMap(ConversationState::lastDebtorMessageId)
                                            .orElse(null))).toList())));
        }));
    }

    private static List<QueueEntry> concat(List<QueueEntry> a, List<QueueEntry> b) {
        var out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** An inbox line with its conversation's state (gone when the conversation was erased meanwhile). */
    private record Item(QueueEntry entry, Optional<ConversationState> state) {
    }

    private Future<List<Item>> withStates(List<QueueEntry> entries) {
        var states = entries.stream().map(e -> handoffs.state(e.conversationId())).toList();
        return Future.all(states).map(done -> {
            var out = new ArrayList<Item>();
            for (int i = 0; i < entries.size(); i++) {
                out.add(new Item(entries.get(i), states.get(i).result()));
            }
            return out;
        });
    }

    /**
     * Conversation id and case id match here; creditor and reference through the debtor's cases, asked once per
     * debtor (a debtor with several conversations costs one case API call), for at most
     * {@value #MAX_CASE_LOOKUPS} debtors.
     */
    private Future<List<Item>> search(List<Item> items, InboxQuery query) {
        if (query.text().isEmpty()) {
            return Future.succeededFuture(items);
        }
        var panels = new java.util.HashMap<String, Future<Boolean>>();
        var looked = new ArrayList<Future<Boolean>>();
        for (var item : items) {
            var debtor = item.state().flatMap(DebtorPanel::debtorOf);
            if (query.matchesIds(item.entry())) {
                looked.add(Future.succeededFuture(true));
            } else if (debtor.isPresent() && (panels.containsKey(debtor.get()) || panels.size() < MAX_CASE_LOOKUPS)) {
                looked.add(panels.computeIfAbsent(debtor.get(), d -> debtors.of(item.state().get())
                        .map(panel -> query.matchesCases(panel.getJsonArray("cases")))));
            } else {
                looked.add(Future.succeededFuture(false));
            }
        }
        return Future.all(looked).map(done -> {
            var out = new ArrayList<Item>();
            for (int i = 0; i < items.size(); i++) {
                if (looked.get(i).result()) {
                    out.add(items.get(i));
                }
            }
            return out;
        });
    }

    private void transfer(RoutingContext ctx) {
        var body = JsonBodies.object(ctx);
        Object to = body.getValue("to");
        if (to != null && !(to instanceof String)) {
            throw ApiException.badRequest("The field 'to' must be an agent's id, or null for the queue.");
        }
        String conversationId = id(ctx);
        var agent = agent(ctx);
        if (to == null) {
            respond(ctx, handoffs.transfer(conversationId, agent, Optional.empty()).map(e -> e.view(clock.instant())));
            return;
        }
        respond(ctx, handoffs.agentsOnline().compose(online -> {
            var target = online.stream().map(Handoffs.AgentLoad::agent).filter(a -> a.id().equals(to)).findFirst();
            if (target.isEmpty()) {
                return Future.failedFuture(ApiException.conflict("That agent is not online."));
            }
            return handoffs.transfer(conversationId, agent, target).map(e -> e.view(clock.instant()));
        }));
    }

    private void close(RoutingContext ctx) {
        var body = JsonBodies.object(ctx);
        String code = JsonBodies.optionalText(body, "outcome");
        var outcome = code == null ? HandoffOutcome.RESOLVED : HandoffOutcome.fromCode(code).orElseThrow(() ->
                ApiException.badRequest("The field 'outcome' must be one of " + java.util.Arrays.stream(
                        HandoffOutcome.values()).map(HandoffOutcome::code).toList() + "."));
        respond(ctx, handoffs.close(id(ctx), agent(ctx), outcome)
                .map(v -> new JsonObject().put("status", outcome == HandoffOutcome.RELEASED ? "bot" : "closed")
                        .put("outcome", outcome.code())));
    }

    private void figures(RoutingContext ctx) {
        if (!agent(ctx).supervisor()) {
            throw ApiException.forbidden("The figures are for supervisors.");
        }
        String daysParam = ctx.queryParams().get("days");
        int days;
        try {
            days = daysParam == null ? 14 : Integer.parseInt(daysParam);
        } catch (NumberFormatException e) {
            days = -1;
        }
        if (days < 1 || days > 31) {
            throw ApiException.badRequest("The parameter 'days' must be 1 to 31.");
        }
        int shownDays = days;
        respond(ctx, handoffs.figures(shownDays).compose(f -> learning.unanswered(UNANSWERED_SHOWN)
                .map(unanswered -> figuresJson(f).put("unanswered", new JsonArray(unanswered.stream()
                        .map(g -> new JsonObject().put("text", g.text()).put("count", g.count())).toList())))));
    }

    static JsonObject figuresJson(HandoffFigures f) {
        var days = new JsonArray();
        f.days().forEach(d -> days.add(new JsonObject()
                .put("date", d.date().toString())
                .put("started", d.started())
                .put("handoffs", new JsonObject(new java.util.HashMap<>(d.handoffs())))
                .put("outcomes", new JsonObject(new java.util.HashMap<>(d.outcomes())))
                .put("containment", share(d.containment()))
                .put("messages", d.messages())
                .put("fallbacks", d.fallbacks())
                .put("fallbackRate", share(d.fallbackRate()))
                .put("intents", new JsonObject(new java.util.HashMap<>(d.intents())))
                .put("medianFirstReplyMinutes", d.medianFirstReplyMinutes().isPresent()
                        ? d.medianFirstReplyMinutes().getAsInt() : null)));
        return new JsonObject()
                .put("queueLength", f.waiting().size())
                .put("oldestWaitSeconds", f.oldestWait().toSeconds())
                .put("agentsOnline", f.agents().size())
                .put("agents", agentsJson(f.agents()))
                .put("days", days);
    }

    /** A share to three decimals (0.2, not 0.19999999999999996: no figure is a long run of digits), or null. */
    private static Double share(java.util.OptionalDouble value) {
        return value.isPresent() ? Math.round(value.getAsDouble() * 1000) / 1000.0 : null;
    }

    private static JsonArray agentsJson(List<Handoffs.AgentLoad> agents) {
        return new JsonArray(agents.stream().map(a -> agentJson(a.agent()).put("conversations", a.conversations()))
                .toList());
    }

    /** How an agent's reply goes out on SMS: the text as sent, its segments, and what GSM-7 cannot carry. */
    private void smsPreview(RoutingContext ctx) {
        var body = JsonBodies.object(ctx);
        String text = JsonBodies.requiredText(body, "text");
        if (text.length() > MAX_TEXT) {
            throw ApiException.badRequest("The field 'text' must be at most " + MAX_TEXT + " characters.");
        }
        String redacted = Redactor.redact(text).text();
        String sent = SmsText.fit(redacted).text();
        var segments = SmsText.segments(sent);
        var outside = new java.util.LinkedHashSet<String>();
        redacted.codePoints().forEach(cp -> {
            String one = new String(Character.toChars(cp));
            if (!Character.isWhitespace(cp) && !SmsText.normalise(one).equals(one)) {
                outside.add(one);
            }
        });
        json(ctx, 200, new JsonObject().put("sent", sent).put("encoding", segments.encoding().name())
                .put("units", segments.units()).put("segments", segments.parts())
                .put("changed", new JsonArray(List.copyOf(outside))));
    }

    private void message(RoutingContext ctx) {
        var body = JsonBodies.object(ctx);
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

    private static String id(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (id == null || !id.matches("[A-Za-z]{10,64}")) {
            throw ApiException.notFound("There is no such conversation.");
        }
        return id;
    }

    static Agent agent(RoutingContext ctx) {
        return ctx.get(AGENT);
    }

    static JsonObject agentJson(Agent agent) {
        return new JsonObject().put("id", agent.id()).put("name", agent.name()).put("role", agent.role().code());
    }

    static void respond(RoutingContext ctx, Future<JsonObject> result) {
        result.onComplete(done -> {
            if (done.succeeded()) {
                json(ctx, 200, done.result());
            } else {
                ctx.fail(failure(done.cause()));
            }
        });
    }

    static Throwable failure(Throwable cause) {
        if (cause instanceof ApiException) {
            return cause;
        }
        if (cause instanceof HandoffRefused refused) {
            return ApiException.conflict(refused.getMessage() + ".");
        }
        if (cause instanceof HandoffForbidden) {
            return ApiException.forbidden("This conversation is another agent's.");
        }
        if (cause instanceof ConversationNotFoundException) {
            return ApiException.notFound("There is no such conversation.");
        }
        if (cause instanceof LearningRefused refused) {
            return refused.kind() == LearningRefused.Kind.NOT_FOUND ? ApiException.notFound(refused.getMessage() + ".")
                    : ApiException.conflict(refused.getMessage() + ".");
        }
        if (cause instanceof StoreUnavailableException) {
            return new ApiException(503, "unavailable", "The store is not answering. Please try again.");
        }
        return cause;
    }

    static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }
}
