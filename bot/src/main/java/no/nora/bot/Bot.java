package no.nora.bot;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import no.nora.bot.accepted.AcceptedMessages;
import no.nora.bot.accepted.InMemoryAcceptedMessages;
import no.nora.bot.accepted.RedisAcceptedMessages;
import no.nora.bot.caseapi.CaseApi;
import no.nora.bot.conversation.ConversationStore;
import no.nora.bot.conversation.InMemoryConversationStore;
import no.nora.bot.conversation.RedisConversationStore;
import no.nora.bot.dialogue.Dialogue;
import no.nora.bot.dialogue.Tasks;
import no.nora.bot.handoff.HandoffSettings;
import no.nora.bot.handoff.Handoffs;
import no.nora.bot.handoff.InMemoryHandoffQueue;
import no.nora.bot.handoff.RedisHandoffQueue;
import no.nora.bot.learning.ActiveModel;
import no.nora.bot.learning.InMemoryModelStore;
import no.nora.bot.learning.InMemoryReviewStore;
import no.nora.bot.learning.Learning;
import no.nora.bot.learning.RedisModelStore;
import no.nora.bot.learning.RedisReviewStore;
import no.nora.bot.live.ConversationEvents;
import no.nora.bot.live.LocalConversationEvents;
import no.nora.bot.live.LocalTurnOrder;
import no.nora.bot.live.RedisConversationEvents;
import no.nora.bot.live.RedisPubSub;
import no.nora.bot.live.RedisTurnOrder;
import no.nora.bot.live.TurnOrder;
import no.nora.bot.redis.PipelinedRedis;
import no.nora.bot.text.Texts;
import no.nora.intents.IntentClassifier;

/**
 * The engine with its stores, assembled from settings: Redis when given (shared by every gateway instance; one
 * server, Sentinel or Cluster), memory otherwise. The gateway and the tests build the bot the same way.
 */
public final class Bot {
    /** How often the in-memory store drops conversations past their retention (Redis expires keys itself). */
    private static final long SWEEP_EVERY_MS = 60_000;
    /**
     * How long a Redis command may go unanswered: then it fails (the stores answer "unavailable") and its connection,
     * silent for that long, is replaced.
     */
    private static final Duration REDIS_COMMAND_TIMEOUT = Duration.ofSeconds(2);

    /**
     * @param redis how to reach Redis (one server, a master through Sentinel, or a cluster), or none: memory
     */
    public record Settings(Optional<RedisOptions> redis, Duration retention, Clock clock, HandoffSettings handoffs,
                           Learning.Settings learning) {
        public Settings(Optional<RedisOptions> redis, Duration retention, Clock clock) {
            this(redis, retention, clock, HandoffSettings.defaults(), Learning.Settings.defaults());
        }

        public static Settings inMemory() {
            return new Settings(Optional.empty(), Duration.ofDays(30), Clock.systemUTC());
        }

        /** One Redis server at {@code url}. */
        public static Settings redis(URI url) {
            return new Settings(Optional.of(new RedisOptions().setConnectionString(url.toString())), Duration.ofDays(30),
                    Clock.systemUTC());
        }

        public Settings withHandoffs(HandoffSettings value) {
            return new Settings(redis, retention, clock, value, learning);
        }

        public Settings withLearning(Learning.Settings value) {
            return new Settings(redis, retention, clock, handoffs, value);
        }
    }

    private final ConversationEngine engine;
    private final Handoffs handoffs;
    private final Learning learning;
    private final List<Supplier<Future<?>>> closers;
    private final Optional<Redis> redis;
    private final Clock clock;
    private final Vertx vertx;

    private Bot(Vertx vertx, ConversationEngine engine, Handoffs handoffs, Learning learning,
                List<Supplier<Future<?>>> closers, Optional<Redis> redis, Clock clock) {
        this.vertx = vertx;
        this.engine = engine;
        this.handoffs = handoffs;
        this.learning = learning;
        this.closers = closers;
        this.redis = redis;
        this.clock = clock;
    }

    public static Future<Bot> start(Vertx vertx, Settings settings, IntentClassifier classifier, CaseApi caseApi,
                                    MeterRegistry metrics) {
        var texts = new Texts();
        var model = new ActiveModel(classifier);
        var dialogue = new Dialogue(Tasks.all(caseApi, texts), texts, model);
        if (settings.redis().isEmpty()) {
            var store = new InMemoryConversationStore(settings.retention(), settings.clock());
            var order = new LocalTurnOrder();
            var events = new LocalConversationEvents(vertx);
            var handoffs = new Handoffs(vertx, store, order, events, new InMemoryHandoffQueue(), texts,
                    settings.clock(), metrics, settings.handoffs());
            var learning = new Learning(vertx, new InMemoryReviewStore(), new InMemoryModelStore(), model, events,
                    settings.clock(), metrics, settings.learning());
            var engine = new ConversationEngine(store, order, events, learning, dialogue, texts, settings.clock(),
                    metrics, handoffs);
            handoffs.start();
            long sweeper = vertx.setPeriodic(SWEEP_EVERY_MS, t -> store.sweep());
            Supplier<Future<?>> stopSweeping = () -> Future.succeededFuture(vertx.cancelTimer(sweeper));
            return learning.start().map(v -> new Bot(vertx, engine, handoffs, learning,
                    List.of(stopping(handoffs), stopping(learning), stopSweeping), Optional.empty(), settings.clock()));
        }
        var options = connectOptions(settings.redis().get());
        Redis redis = new PipelinedRedis(vertx, Redis.createClient(vertx, options), options.getType(),
                REDIS_COMMAND_TIMEOUT, metrics);
        Redis subscriber = Redis.createClient(vertx, new RedisOptions(options).setMaxPoolSize(1).setPoolName("nora-redis-subscriber"));
        var pubSub = new RedisPubSub(vertx, subscriber, redis, options.getType() == RedisClientType.CLUSTER);
        ConversationStore store = new RedisConversationStore(redis, settings.retention());
        ConversationEvents events = new RedisConversationEvents(vertx, pubSub);
        TurnOrder order = new RedisTurnOrder(vertx, redis, pubSub);
        var handoffs = new Handoffs(vertx, store, order, events, new RedisHandoffQueue(redis, settings.retention()),
                texts, settings.clock(), metrics, settings.handoffs());
        var learning = new Learning(vertx, new RedisReviewStore(redis, settings.retention()), new RedisModelStore(redis),
                model, events, settings.clock(), metrics, settings.learning());
        var engine = new ConversationEngine(store, order, events, learning, dialogue, texts, settings.clock(), metrics,
                handoffs);
        var closers = new ArrayList<Supplier<Future<?>>>();
        closers.add(stopping(handoffs));
        closers.add(stopping(learning));
        closers.add(pubSub::close);
        closers.add(subscriber::close);
        closers.add(redis::close);
        return store.ping()
                .compose(ok -> pubSub.start())
                .compose(ok -> learning.start())
                .map(ok -> {
                    handoffs.start();
                    return new Bot(vertx, engine, handoffs, learning, closers, Optional.of(redis), settings.clock());
                })
                .recover(failure -> {
                    closers.forEach(Supplier::get);
                    return Future.failedFuture(new IllegalStateException("Redis at " + where(options)
                            + " is not reachable: " + failure.getMessage(), failure));
                });
    }

    private static Supplier<Future<?>> stopping(Handoffs handoffs) {
        return () -> {
            handoffs.stop();
            return Future.succeededFuture();
        };
    }

    private static Supplier<Future<?>> stopping(Learning learning) {
        return () -> {
            learning.stop();
            return Future.succeededFuture();
        };
    }

    /**
     * The client's options with our pool sizes: one connection per event loop (and, in a cluster, per node). Behind
     * Sentinel, the client asks the sentinels for the master at every new connection; connections to a master that
     * failed are dropped ({@link PipelinedRedis}) and the next ones reach the master the sentinels promoted.
     */
    private static RedisOptions connectOptions(RedisOptions given) {
        var options = new RedisOptions(given).setMaxPoolSize(64).setMaxPoolWaiting(10_000)
                .setMaxWaitingHandlers(10_000).setPoolName("nora-redis");
        if (options.getType() == RedisClientType.SENTINEL) {
            options.setRole(RedisRole.MASTER).setAutoFailover(false);
        }
        return options;
    }

    private static String where(RedisOptions options) {
        return options.getEndpoints().stream().map(e -> e.replaceFirst("//[^/@]*@", "//***@"))
                .collect(Collectors.joining(",")) + (options.getType() == RedisClientType.STANDALONE ? ""
                : " (" + options.getType().name().toLowerCase(Locale.ROOT) + ")");
    }

    public ConversationEngine engine() {
        return engine;
    }

    /** The review inbox, retraining and the model every instance answers with. */
    public Learning learning() {
        return learning;
    }

    /** Human handoff: the queue, agents' actions, deadlines, and how debtors on each channel are reached. */
    public Handoffs handoffs() {
        return handoffs;
    }

    /** The Redis client, when the bot runs on Redis; for components that keep their own keys (queues, opt-outs). */
    public Optional<Redis> redis() {
        return redis;
    }

    /**
     * Messages a channel has acknowledged and not yet answered, under {@code queue}: in Redis, kept until answered
     * and taken over by another instance when theirs has been silent for {@code takeOverAfter}; in memory,
     * deduplication only.
     */
    public AcceptedMessages acceptedMessages(String queue, Duration dedupeFor, Duration takeOverAfter) {
        return redis.<AcceptedMessages>map(r -> new RedisAcceptedMessages(vertx, r, queue, dedupeFor,
                        takeOverAfter, clock))
                .orElseGet(() -> new InMemoryAcceptedMessages(engine.store(), queue, dedupeFor));
    }

    public Future<Void> stop() {
        return Future.join(closers.stream().<Future<?>>map(Supplier::get).toList()).<Void>mapEmpty()
                .recover(e -> Future.succeededFuture());
    }
}
