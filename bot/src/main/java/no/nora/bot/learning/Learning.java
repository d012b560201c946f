package no.nora.bot.learning;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import no.nora.bot.conversation.Ids;
import no.nora.bot.live.ConversationEvents;
import no.nora.bot.live.Subscription;
import no.nora.bot.metrics.TaggedCounter;
import no.nora.intents.Intent;
import no.nora.intents.IntentClassifier;
import no.nora.intents.Language;
import no.nora.intents.Understanding;
import no.nora.intents.training.LabelledExample;
import no.nora.intents.training.Retrainer;
import no.nora.intents.training.ShippedCorpus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How Nora learns from her conversations: what she failed on goes to the team's review inbox; a supervisor labels
 * it; a retraining (on a worker of its own) makes a candidate from the shipped corpus and the labelled examples and
 * reports it before and after; a supervisor activates it, and every instance swaps to it without a restart (told
 * through the {@link #TOPIC} events, and checking the store every {@link #SYNC_EVERY_MS} in case an event was missed).
 */
public final class Learning {
    private static final Logger log = LoggerFactory.getLogger(Learning.class);
    /** Events topic of model activations. */
    public static final String TOPIC = "learning";
    /** Below this the bot acted on its guess, but the guess goes before the team. */
    public static final double LOW_CONFIDENCE = 0.5;
    static final long SYNC_EVERY_MS = 15_000;
    /**
     * How many open items (the newest) the inbox view and the figures group: 2 000 distinct phrasings group in about
     * half a second on a worker at worst (few shared words), far less for what debtors write.
     */
    public static final int REVIEW_READ = 2_000;

    /** Development set and folds of the retraining's evaluation. */
    public record Settings(List<LabelledExample> devSet, int folds) {
        public Settings {
            devSet = List.copyOf(devSet);
        }

        public static Settings defaults() {
            return new Settings(List.of(), 5);
        }
    }

    /** The state of the loop for the supervisor: the newest job, the active model and the candidates. */
    public record Status(Optional<TrainingJob> job, Activation active, List<TrainedModel> models) {
    }

    private final Vertx vertx;
    private final ReviewStore review;
    private final ModelStore models;
    private final ActiveModel model;
    private final IntentClassifier shipped;
    private final ConversationEvents events;
    private final Clock clock;
    private final Settings settings;
    private final WorkerExecutor trainer;
    private final TaggedCounter captured;
    private final TaggedCounter jobs;
    private final Counter swaps;
    private final Timer trainingTime;
    private final AtomicLong openItems = new AtomicLong();
    private volatile Retrainer retrainer;
    private volatile Future<Void> syncing = Future.succeededFuture();
    private Subscription subscription;
    private long syncTimer = -1;

    public Learning(Vertx vertx, ReviewStore review, ModelStore models, ActiveModel model, ConversationEvents events,
                    Clock clock, MeterRegistry metrics, Settings settings) {
        this.vertx = vertx;
        this.review = review;
        this.models = models;
        this.model = model;
        this.shipped = model.classifier();
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        // One thread: a retraining never takes the workers the SMS sender and the rest need, and runs one at a time.
        this.trainer = vertx.createSharedWorkerExecutor("nora-training", 1, 30, TimeUnit.MINUTES);
        this.captured = new TaggedCounter(metrics, "nora.review.captured", "reason",
                "Debtor messages put in the review inbox, by why");
        this.jobs = new TaggedCounter(metrics, "nora.nlu.retraining", "outcome", "Retraining jobs ended, by outcome");
        // Both outcomes from the start: a dashboard's query finds a zero rather than nothing.
        jobs.increment("done", 0);
        jobs.increment("failed", 0);
        this.swaps = Counter.builder("nora.nlu.model.swaps")
                .description("Times this instance swapped the model it answers with").register(metrics);
        this.trainingTime = Timer.builder("nora.nlu.retraining.duration").description("How long a retraining took")
                .register(metrics);
        Gauge.builder("nora.review.open", openItems, AtomicLong::get)
                .description("Open items in the review inbox (read every " + SYNC_EVERY_MS / 1000 + " s)")
                .register(metrics);
    }

    public ActiveModel model() {
        return model;
    }

    /** Listens for activations and checks the active model now and every little while. */
    public Future<Void> start() {
        subscription = events.subscribe(TOPIC, event -> sync());
        syncTimer = vertx.setPeriodic(SYNC_EVERY_MS, t -> {
            sync();
            review.openCount().onSuccess(openItems::set);
        });
        return subscription.ready().compose(v -> sync()).recover(e -> {
            log.warn("The active model was not read at start; the shipped one answers until it is: {}", e.getMessage());
            return Future.succeededFuture();
        });
    }

    public void stop() {
        if (subscription != null) {
            subscription.cancel();
        }
        vertx.cancelTimer(syncTimer);
        trainer.close();
    }

    // ---- The review inbox. ----

    /** Puts a debtor's (redacted) message before the team; best effort, never delaying the turn. */
    public void capture(String conversationId, String channel, String text, Understanding understanding,
                        ReviewReason reason) {
        captured.increment(reason.code());
        // Fallen back, the understanding says out_of_scope; the model's own best guess is what the team wants to see.
        var guess = understanding.ranking().isEmpty() ? null : understanding.ranking().get(0);
        var item = new ReviewItem("r" + Ids.random(13), conversationId, channel, text, reason,
                guess == null ? understanding.intent().label() : guess.intent().label(),
                (int) Math.round(100 * (guess == null ? understanding.confidence() : guess.confidence())),
                understanding.language().code(), clock.instant(), Optional.empty());
        review.add(item).onFailure(e -> log.debug("A message was not put in the review inbox: {}", e.getMessage()));
    }

    /** The open inbox with near-duplicates grouped, most frequent first. */
    public Future<List<ReviewGroups.Group>> review(int maxItems) {
        return review.open(maxItems).compose(items -> vertx.executeBlocking(() -> ReviewGroups.of(items), false));
    }

    public Future<List<ReviewItem>> decide(List<String> ids, Function<ReviewItem, ReviewItem.Decision> decision) {
        return review.decide(ids, decision);
    }

    /** Labelled examples and new-intent notes (not the dismissed), newest first. */
    public Future<List<ReviewItem>> decided() {
        return review.decided().map(all -> all.stream()
                .filter(i -> i.decision().orElseThrow().kind() != ReviewItem.Decision.Kind.DISMISS).toList());
    }

    public Future<Void> takeBack(String id) {
        return review.remove(id);
    }

    /** The debtor's erasure: their messages leave the inbox and the labelled examples. */
    public Future<Void> forget(String conversationId) {
        return review.forget(conversationId);
    }

    /**
     * The labelled examples as corpus lines ({@code intent<TAB>language<TAB>text}), by intent, for a commit to
     * {@code intents/corpus/}; the new-intent notes as comments.
     */
    public Future<String> export() {
        return decided().map(items -> {
            var out = new StringBuilder("# Labelled in Nora's review inbox; add each line to intents/corpus/<intent>.tsv\n");
            items.stream().filter(i -> i.decision().orElseThrow().kind() == ReviewItem.Decision.Kind.LABEL)
                    .sorted(Comparator.comparing((ReviewItem i) -> i.decision().orElseThrow().intent().orElse(""))
                            .thenComparing(ReviewItem::text))
                    .forEach(i -> out.append(i.decision().orElseThrow().intent().orElseThrow()).append('\t')
                            .append(i.decision().orElseThrow().language()).append('\t').append(oneLine(i.text()))
                            .append('\n'));
            items.stream().filter(i -> i.decision().orElseThrow().kind() == ReviewItem.Decision.Kind.NEW_INTENT)
                    .forEach(i -> out.append("# new intent: ").append(oneLine(i.text()))
                            .append(i.decision().orElseThrow().note().map(n -> " (" + oneLine(n) + ")").orElse(""))
                            .append('\n'));
            return out.toString();
        });
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\t\\r\\n]+", " ").trim();
    }

    /** The most frequent open phrasings, for the figures. */
    public Future<List<ReviewGroups.Group>> unanswered(int max) {
        return review(REVIEW_READ).map(groups -> groups.subList(0, Math.min(max, groups.size())));
    }

    // ---- Retraining and activation. ----

    public Future<Status> status() {
        return models.job().compose(job -> models.active().compose(active -> models.models()
                .map(all -> new Status(job, active, all))));
    }

    /** Starts a retraining unless one runs; its progress is in {@link #status()}. */
    public Future<TrainingJob> startTraining(String by) {
        var job = TrainingJob.started("j" + Ids.random(11), clock.instant(), by);
        return models.startJob(job).compose(started -> {
            if (!started) {
                return Future.failedFuture(new LearningRefused(LearningRefused.Kind.CONFLICT,
                        "A retraining is already running"));
            }
            run(job);
            return Future.succeededFuture(job);
        });
    }

    private void run(TrainingJob job) {
        Context context = vertx.getOrCreateContext();
        long started = System.nanoTime();
        // The job as last saved: its end keeps the steps counted (saves all happen on this context, in order).
        var latest = new AtomicReference<>(job);
        var inputs = labelled().compose(added -> models.active().compose(active -> models.models().map(all -> {
            var activeIds = all.stream().filter(m -> m.version().equals(active.version())).findFirst()
                    .map(m -> Set.copyOf(m.exampleIds())).orElse(Set.of());
            return new Inputs(added, added.stream().filter(i -> activeIds.contains(i.id())).toList());
        })));
        inputs.compose(in -> {
            var before = model.classifier();
            return trainer.executeBlocking(() -> retrainer().retrain(before, examples(in.beforeAdded()),
                    examples(in.added()), (phase, done, total) -> context.runOnContext(v ->
                            models.saveJob(latest.updateAndGet(j -> j.at(phase, done, total))))), false)
                    .compose(candidate -> {
                        var version = "m" + Ids.random(11);
                        var trained = new TrainedModel(version, clock.instant(), job.by(),
                                in.added().stream().map(ReviewItem::id).toList(),
                                rounded(new JsonObject(candidate.report().json())));
                        return models.save(trained, Buffer.buffer(candidate.intentModel())).map(version);
                    });
        }).onComplete(done -> {
            trainingTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            jobs.increment(done.succeeded() ? "done" : "failed");
            if (done.failed()) {
                log.warn("Retraining failed: {}", done.cause().toString());
            }
            // Progress is saved from the worker's callbacks on this context: this save comes after all of them.
            context.runOnContext(v -> models.saveJob(done.succeeded() ? latest.get().succeeded(done.result())
                    : latest.get().failed("The retraining failed; see the gateway's log.")));
        });
    }

    private record Inputs(List<ReviewItem> added, List<ReviewItem> beforeAdded) {
    }

    private Future<List<ReviewItem>> labelled() {
        return review.decided().map(all -> all.stream()
                .filter(i -> i.decision().orElseThrow().kind() == ReviewItem.Decision.Kind.LABEL).toList());
    }

    private static List<LabelledExample> examples(List<ReviewItem> items) {
        return items.stream().map(i -> new LabelledExample(
                Intent.fromLabel(i.decision().orElseThrow().intent().orElseThrow()).orElseThrow(),
                Language.fromCode(i.decision().orElseThrow().language()).orElse(Language.NB), i.text())).toList();
    }

    private Retrainer retrainer() {
        if (retrainer == null) {
            retrainer = new Retrainer(ShippedCorpus.read(), settings.devSet(), settings.folds());
        }
        return retrainer;
    }

    /**
     * Makes {@code version} the model of every instance: this one at once, the others on the event (or their next
     * check). A candidate whose report says it makes things worse is refused; the shipped model and the one before
     * the active one can always be gone back to.
     */
    public Future<Activation> activate(String version, String by) {
        return models.active().compose(current -> {
            var activation = new Activation(version, Optional.of(clock.instant()), Optional.of(by),
                    Optional.of(current.version()).filter(v -> !v.equals(version)));
            if (version.equals(ActiveModel.SHIPPED)) {
                return swapTo(activation, Future.succeededFuture(shipped));
            }
            return models.models().compose(all -> {
                var found = all.stream().filter(m -> m.version().equals(version)).findFirst();
                if (found.isEmpty()) {
                    return Future.failedFuture(new LearningRefused(LearningRefused.Kind.NOT_FOUND,
                            "There is no model " + version));
                }
                boolean goingBack = current.previous().map(version::equals).orElse(false);
                if (!found.get().activatable() && !goingBack) {
                    return Future.failedFuture(new LearningRefused(LearningRefused.Kind.CONFLICT,
                            "This model makes things worse than the active one; see its report"));
                }
                return swapTo(activation, load(version));
            });
        });
    }

    private Future<Activation> swapTo(Activation activation, Future<IntentClassifier> classifier) {
        return classifier.compose(loaded -> models.activate(activation).map(v -> {
            use(activation.version(), loaded);
            events.publish(TOPIC, new JsonObject().put("type", "model-activated").put("version", activation.version()))
                    .onFailure(e -> log.debug("Model activation not announced; others find it at their next check"));
            return activation;
        }));
    }

    /** Reads the model on a worker (parsing a model takes a while); the event loop goes on answering meanwhile. */
    private Future<IntentClassifier> load(String version) {
        return models.intentModel(version).compose(bytes -> bytes.isEmpty()
                ? Future.failedFuture(new LearningRefused(LearningRefused.Kind.NOT_FOUND, "The model " + version
                        + " is gone"))
                : vertx.executeBlocking(() -> shipped.withIntentModel(bytes.get().getBytes()), false));
    }

    private void use(String version, IntentClassifier classifier) {
        if (!version.equals(model.version())) {
            model.use(version, classifier);
            swaps.increment();
            log.info("Answering with the model {} from now on", version);
        }
    }

    /** Catches up with the active model in the store, one check at a time. */
    synchronized Future<Void> sync() {
        syncing = syncing.eventually(() -> models.active().compose(active -> {
            if (active.version().equals(model.version())) {
                return Future.<Void>succeededFuture();
            }
            return (active.version().equals(ActiveModel.SHIPPED) ? Future.succeededFuture(shipped)
                    : load(active.version())).map(loaded -> {
                        use(active.version(), loaded);
                        return (Void) null;
                    });
        })).recover(e -> {
            log.debug("The active model was not checked: {}", e.getMessage());
            return Future.succeededFuture();
        });
        return syncing;
    }

    /** Report figures to three decimals: the report is stored, and no stored value may hold a long run of digits. */
    static JsonObject rounded(JsonObject json) {
        var out = new JsonObject();
        json.forEach(e -> out.put(e.getKey(), roundedValue(e.getValue())));
        return out;
    }

    private static Object roundedValue(Object value) {
        if (value instanceof JsonObject o) {
            return rounded(o);
        }
        if (value instanceof JsonArray a) {
            return new JsonArray(a.stream().map(Learning::roundedValue).collect(Collectors.toList()));
        }
        if (value instanceof Map<?, ?> m) {
            return rounded(new JsonObject(m.entrySet().stream().collect(Collectors.toMap(
                    e -> String.valueOf(e.getKey()), Map.Entry::getValue))));
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue()).setScale(3, RoundingMode.HALF_EVEN).doubleValue();
        }
        return value;
    }
}
