package no.nora.channels.agent;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import no.nora.bot.learning.Activation;
import no.nora.bot.learning.Learning;
import no.nora.bot.learning.ReviewGroups;
import no.nora.bot.learning.ReviewItem;
import no.nora.bot.learning.TrainedModel;
import no.nora.bot.learning.TrainingJob;
import no.nora.channels.http.ApiException;
import no.nora.channels.http.JsonBodies;
import no.nora.intents.Intent;
import no.nora.intents.Language;

/**
 * The supervisor's side of the learning loop under {@code /api/agent} (behind the agent sign-in of
 * {@link AgentRoutes}, supervisors only): the review inbox and its decisions, the labelled examples and their export,
 * retraining and activation.
 */
public final class LearningRoutes {
    private static final int MAX_LIMIT = 500;
    private static final int MAX_ITEMS_PER_DECISION = 500;
    private static final int MAX_NOTE = 200;
    /** Item, model and example ids are letters; anything else is not one of ours. */
    private static final String ID = "[A-Za-z-]{1,40}";

    private final Learning learning;
    private final Clock clock;

    public LearningRoutes(Learning learning, Clock clock) {
        this.learning = learning;
        this.clock = clock;
    }

    /** Mount after {@link AgentRoutes#mount}, whose handler signs the agent in on every {@code /api/agent} path. */
    public void mount(Router router) {
        router.route("/api/agent/review*").handler(LearningRoutes::supervisorsOnly);
        router.route("/api/agent/training*").handler(LearningRoutes::supervisorsOnly);
        router.route("/api/agent/intents").handler(LearningRoutes::supervisorsOnly);
        router.get("/api/agent/intents").handler(ctx -> AgentRoutes.json(ctx, 200, new JsonObject().put("intents",
                new JsonArray(Arrays.stream(Intent.values()).map(Intent::label).toList()))));
        router.get("/api/agent/review").handler(this::review);
        router.post("/api/agent/review/decisions").handler(this::decide);
        router.get("/api/agent/training").handler(this::status);
        router.get("/api/agent/training/examples").handler(this::examples);
        router.get("/api/agent/training/examples.tsv").handler(this::export);
        router.delete("/api/agent/training/examples/:id").handler(this::takeBack);
        router.post("/api/agent/training/jobs").handler(ctx -> learning.startTraining(AgentRoutes.agent(ctx).name())
                .onComplete(done -> {
                    if (done.succeeded()) {
                        AgentRoutes.json(ctx, 202, new JsonObject().put("job", done.result().toJson()));
                    } else {
                        ctx.fail(AgentRoutes.failure(done.cause()));
                    }
                }));
        router.post("/api/agent/training/models/:version/activate").handler(this::activate);
    }

    private static void supervisorsOnly(RoutingContext ctx) {
        if (!AgentRoutes.agent(ctx).supervisor()) {
            throw ApiException.forbidden("Reviewing and training Nora is for supervisors.");
        }
        ctx.next();
    }

    private void review(RoutingContext ctx) {
        int limit = limit(ctx.queryParams().get("limit"));
        AgentRoutes.respond(ctx, learning.review(Learning.REVIEW_READ).map(groups -> {
            var shown = new JsonArray();
            groups.stream().limit(limit).forEach(g -> shown.add(groupJson(g)));
            return new JsonObject().put("open", groups.stream().mapToInt(ReviewGroups.Group::count).sum())
                    .put("groups", shown);
        }));
    }


    private static int limit(String param) {
        if (param == null) {
            return 50;
        }
        try {
            int value = Integer.parseInt(param);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("The parameter 'limit' must be 1 to " + MAX_LIMIT + ".");
    }

    private static JsonObject groupJson(ReviewGroups.Group g) {
        return new JsonObject().put("key", g.key()).put("text", g.text()).put("count", g.count())
                .put("reasons", new JsonObject(new java.util.HashMap<>(g.reasons())))
                .put("guess", guessJson(g.guess(), g.confidence())).put("language", g.language())
                .put("lastAt", g.lastAt().toString())
                .put("items", new JsonArray(g.items().stream().map(LearningRoutes::itemJson).toList()));
    }

    private static JsonObject guessJson(String intent, int percent) {
        return new JsonObject().put("intent", intent).put("confidence", percent / 100.0);
    }

    private static JsonObject itemJson(ReviewItem i) {
        return new JsonObject().put("id", i.id()).put("conversationId", i.conversationId())
                .put("channel", i.channel()).put("text", i.text())
                .put("reason", i.reason().code()).put("guess", guessJson(i.guess(), i.confidence()))
                .put("language", i.language()).put("at", i.at().toString());
    }

    private void decide(RoutingContext ctx) {
        var body = JsonBodies.object(ctx);
        var kind = ReviewItem.Decision.Kind.fromCode(String.valueOf(body.getValue("decision")))
                .orElseThrow(() -> ApiException.badRequest(
                        "The field 'decision' must be 'label', 'new-intent' or 'dismiss'."));
        var ids = ids(body.getValue("items"));
        Optional<String> intent = Optional.empty();
        String language = JsonBodies.optionalText(body, "language");
        if (language != null && Language.fromCode(language).isEmpty()) {
            throw ApiException.badRequest("The field 'language' must be 'nb', 'nn' or 'en'.");
        }
        if (kind == ReviewItem.Decision.Kind.LABEL) {
            String label = JsonBodies.requiredText(body, "intent");
            if (Intent.fromLabel(label).isEmpty()) {
                throw ApiException.badRequest("The field 'intent' must be one of GET /api/agent/intents.");
            }
            intent = Optional.of(label);
        }
        String note = JsonBodies.optionalText(body, "note");
        if (note != null && note.length() > MAX_NOTE) {
            throw ApiException.badRequest("The field 'note' must be at most " + MAX_NOTE + " characters.");
        }
        var agent = AgentRoutes.agent(ctx);
        var chosenIntent = intent;
        var chosenLanguage = Optional.ofNullable(language).map(l -> Language.fromCode(l).orElseThrow().code());
        // Control and format characters (a right-to-left override) would make the note and the export read wrong.
        var chosenNote = Optional.ofNullable(note).map(n -> n.replaceAll("[\\p{Cc}\\p{Cf}]", "").strip())
                .filter(n -> !n.isEmpty());
        // Each item keeps the language it was written in unless the supervisor chose one.
        AgentRoutes.respond(ctx, learning.decide(ids, item -> new ReviewItem.Decision(kind, chosenIntent,
                chosenLanguage.orElse(item.language()), chosenNote, agent.name(), clock.instant()))
                .map(decided -> new JsonObject().put("decided", decided.size())));
    }

    private static List<String> ids(Object value) {
        if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_ITEMS_PER_DECISION) {
            throw ApiException.badRequest("The field 'items' must be a list of 1 to " + MAX_ITEMS_PER_DECISION
                    + " item ids.");
        }
        var ids = new ArrayList<String>();
        for (Object id : array) {
            if (!(id instanceof String s) || !s.matches(ID)) {
                throw ApiException.badRequest("The field 'items' must hold item ids.");
            }
            ids.add(s);
        }
        return ids;
    }

    private void examples(RoutingContext ctx) {
        AgentRoutes.respond(ctx, learning.decided().map(items -> {
            var examples = new JsonArray();
            var newIntents = new JsonArray();
            items.forEach(i -> {
                var d = i.decision().orElseThrow();
                var json = new JsonObject().put("id", i.id()).put("text", i.text()).put("language", d.language())
                        .put("by", d.by()).put("at", d.at().toString()).put("conversationId", i.conversationId());
                if (d.kind() == ReviewItem.Decision.Kind.LABEL) {
                    examples.add(json.put("intent", d.intent().orElseThrow()));
                } else {
                    newIntents.add(json.put("note", d.note().orElse(null)));
                }
            });
            return new JsonObject().put("examples", examples).put("newIntents", newIntents);
        }));
    }

    private void export(RoutingContext ctx) {
        learning.export().onComplete(done -> {
            if (done.failed()) {
                ctx.fail(AgentRoutes.failure(done.cause()));
                return;
            }
            ctx.response().putHeader("Content-Type", "text/tab-separated-values; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"nora-labelled-examples.tsv\"")
                    .putHeader("Cache-Control", "no-store").end(done.result());
        });
    }

    private void takeBack(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (id == null || !id.matches(ID)) {
            throw ApiException.notFound("There is no such example.");
        }
        learning.takeBack(id).onComplete(done -> {
            if (done.succeeded()) {
                ctx.response().setStatusCode(204).end();
            } else {
                ctx.fail(AgentRoutes.failure(done.cause()));
            }
        });
    }

    private void status(RoutingContext ctx) {
        AgentRoutes.respond(ctx, learning.status().map(status -> {
            var active = status.active();
            return new JsonObject()
                    .put("job", status.job().map(TrainingJob::toJson).orElse(null))
                    .put("active", activeJson(active))
                    .put("previous", active.previous().map(v -> new JsonObject().put("version", v)).orElse(null))
                    .put("models", new JsonArray(status.models().stream().map(m -> modelJson(m, active)).toList()));
        }));
    }

    private static JsonObject activeJson(Activation active) {
        return new JsonObject().put("version", active.version())
                .put("activatedAt", active.at().map(Object::toString).orElse(null)).put("by", active.by().orElse(null));
    }

    private static JsonObject modelJson(TrainedModel m, Activation active) {
        return new JsonObject().put("version", m.version()).put("trainedAt", m.trainedAt().toString()).put("by", m.by())
                .put("examples", m.exampleIds().size()).put("report", m.report())
                .put("active", m.version().equals(active.version()));
    }

    private void activate(RoutingContext ctx) {
        String version = ctx.pathParam("version");
        if (version == null || !version.matches(ID)) {
            throw ApiException.notFound("There is no such model.");
        }
        AgentRoutes.respond(ctx, learning.activate(version, AgentRoutes.agent(ctx).name())
                .map(active -> new JsonObject().put("active", activeJson(active))));
    }
}
