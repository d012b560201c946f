package no.nora.channels;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import no.nora.bot.Bot;
import no.nora.bot.learning.Learning;
import no.nora.bot.caseapi.CallPolicy;
import no.nora.bot.caseapi.CaseApi;
import no.nora.bot.caseapi.DemoCaseApi;
import no.nora.bot.caseapi.HttpCaseApi;
import no.nora.bot.conversation.Channel;
import no.nora.bot.handoff.HandoffSettings;
import no.nora.bot.handoff.OpeningHours;
import no.nora.channels.agent.AgentRoutes;
import no.nora.channels.agent.CannedReplies;
import no.nora.channels.agent.LearningRoutes;
import no.nora.channels.agent.AgentTokens;
import no.nora.channels.config.ConfigException;
import no.nora.channels.config.GatewayConfig;
import no.nora.channels.config.RedisSettings;
import no.nora.channels.health.HealthRoutes;
import no.nora.channels.http.ClientAddress;
import no.nora.channels.http.ClientLimits;
import no.nora.channels.http.ConnectionDeadlines;
import no.nora.channels.http.ErrorResponses;
import no.nora.channels.http.MalformedRequests;
import no.nora.channels.http.ServiceAuth;
import no.nora.channels.logging.UnhandledErrors;
import no.nora.channels.nlu.NluRoutes;
import no.nora.channels.sms.SmsChannel;
import no.nora.channels.webchat.ChatRoutes;
import no.nora.channels.webchat.WidgetAssets;
import no.nora.intents.IntentClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running gateway: wires the stores, the engine and every channel from a {@link GatewayConfig}, and serves them
 * on one HTTP port. Tests start it in-process exactly as {@link Main} does.
 */
public final class Gateway {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE", "CONNECT");
    /** Requests per client address and minute, for each family of endpoints beside the web chat's own limit. */
    static final int AGENT_REQUESTS_PER_MINUTE = 600;
    static final int OPERATOR_REQUESTS_PER_MINUTE = 600;
    static final int DEMO_REQUESTS_PER_MINUTE = 120;
    /** Request bodies beyond this are refused with 413 before they are read into memory. */
    static final long MAX_BODY_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final GatewayConfig config;
    private final PrometheusMeterRegistry metrics;
    private final List<java.util.function.Supplier<Future<?>>> onStop = new ArrayList<>();
    private final Clock clock;
    /** HTTP servers, one per core, sharing one port. */
    private static final int HTTP_SERVERS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final List<HttpServer> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Set<EventLoop> serverLoops = ConcurrentHashMap.newKeySet();
    private static final java.time.Duration IDLE_TIMEOUT = java.time.Duration.ofSeconds(120);
    private final List<ConnectionDeadlines> connectionDeadlines = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Integer managementPort;
    private Bot bot;
    private Optional<DemoCaseApi> demoCaseApi = Optional.empty();
    private SmsChannel sms;

    private Gateway(Vertx vertx, GatewayConfig config, PrometheusMeterRegistry metrics, Clock clock) {
        this.clock = clock;
        this.vertx = vertx;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Starts a gateway with its own Vert.x. Returns a plain CompletableFuture: on failure Vert.x is closed, and a
     * Vert.x future would have no event loop left to complete on.
     */
    public static CompletableFuture<Gateway> start(GatewayConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** With a fixed clock, for tests whose demo data and replies depend on today's date. */
    public static CompletableFuture<Gateway> start(GatewayConfig config, Clock clock) {
        var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // A client names the HTTP method: unknown ones fold into one label value, or every made-up method would be a
        // new time series (memory without bound, and a /metrics page without end).
        metrics.config().meterFilter(MeterFilter.replaceTagValues("method",
                method -> KNOWN_METHODS.contains(method) ? method : "OTHER"));
        metrics.config().meterFilter(no.nora.bot.metrics.RedactedTags.filter());
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(metrics))
                .build();
        vertx.exceptionHandler(UnhandledErrors::log);
        var gateway = new Gateway(vertx, config, metrics, clock);
        var started = new CompletableFuture<Gateway>();
        gateway.wire().onComplete(result -> {
            if (result.succeeded()) {
                started.complete(result.result());
            } else {
                CompletableFuture.runAsync(() -> gateway.stop().whenComplete((v, e) ->
                        started.completeExceptionally(result.cause())));
            }
        });
        return started;
    }

    private Future<Gateway> wire() {
        // Model loading reads the classpath: a worker thread's job, never an event loop's.
        return vertx.executeBlocking(IntentClassifier::load)
                .compose(classifier -> caseApi().compose(caseApi -> Bot.start(vertx, new Bot.Settings(config.redis().map(RedisSettings::options),
                                config.conversationTtl(), clock).withHandoffs(handoffSettings())
                                .withLearning(learningSettings()), classifier, caseApi, metrics)
                        .recover(failure -> Future.failedFuture(new ConfigException(failure.getMessage())))
                        .compose(started -> {
                            this.bot = started;
                            onStop.add(started::stop);
                            return serve(classifier, caseApi);
                        })));
    }

    private Learning.Settings learningSettings() {
        return new Learning.Settings(config.nluDevSet(), config.nluRetrainFolds());
    }

    private HandoffSettings handoffSettings() {
        return HandoffSettings.defaults().withHours(OpeningHours.fromSetting(config.agentHours()))
                .withQueueTimeout(config.handoffQueueTimeout());
    }

    /** The company's case API when configured; otherwise the demo case API, served over HTTP on its own port. */
    private Future<CaseApi> caseApi() {
        if (config.caseApiUrl().isPresent()) {
            return Future.succeededFuture(HttpCaseApi.create(vertx, config.caseApiUrl().get(), callPolicy(),
                    config.caseApiToken(), metrics));
        }
        return DemoCaseApi.start(vertx, 0, config.caseApiFixtures().map(Path::of), clock)
                .recover(failure -> Future.failedFuture(new ConfigException("The demo case API did not start: "
                        + failure.getMessage())))
                .map(demo -> {
                    this.demoCaseApi = Optional.of(demo);
                    onStop.add(demo::stop);
                    return HttpCaseApi.create(vertx, demo.baseUrl(), callPolicy(), Optional.empty(), metrics);
                });
    }

    private CallPolicy callPolicy() {
        var defaults = CallPolicy.defaults();
        return defaults.withTimeout(config.caseApiTimeout())
                .withCircuitBreaker(defaults.failuresToOpen(), config.caseApiCircuitReset());
    }

    private Future<Gateway> serve(IntentClassifier classifier, CaseApi caseApi) {
        Router router = Router.router(vertx);
        ErrorResponses.install(router);
        var clients = new ClientAddress(config.trustedProxies());
        if (!config.demoDoorsOpen()) {
            // One rule for every demo door (debtor and agent sign-in, the demo SMS phone): with anything real
            // configured, or in production, nothing under /demo/ exists.
            router.route("/demo/*").order(-1).handler(ctx -> ctx.fail(404));
            if (config.mode() == GatewayConfig.Mode.DEMO) {
                log.warn("Demo mode with real settings ({}): demo sign-in and the demo SMS endpoints are off, and operator"
                        + " endpoints need SERVICE_TOKEN", String.join(", ", config.realParts()));
            }
        }
        router.route().handler(ctx -> {
            ctx.response().putHeader("X-Content-Type-Options", "nosniff");
            // Answered before its body was read (413, 405, 404 …): close the connection, or the unread rest of the
            // body would be taken for the next request on it, and that request would hang.
            ctx.addHeadersEndHandler(v -> {
                if (!ctx.request().isEnded()) {
                    ctx.response().putHeader("Connection", "close");
                }
            });
            ctx.next();
        });
        router.route().handler(MalformedRequests::refuseMalformedQuery);
        // Bodies are read only for the methods that carry one: on a GET, HEAD or TRACE the body handler refuses to
        // decode a form (a 500), and it would read a WebSocket upgrade to its end before the upgrade could happen.
        for (String prefix : List.of("/api/*", "/sms/*")) {
            router.route(prefix).method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH)
                    .method(HttpMethod.DELETE).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        }

        var serviceAuth = new ServiceAuth(config.serviceToken(), config.demoDoorsOpen());
        limitEachFamily(router, clients);
        var health = new HealthRoutes(vertx, List.of(
                new HealthRoutes.Check("store", () -> bot.engine().store().ping()),
                new HealthRoutes.Check("caseApi", caseApi::ping)));
        // Channels and APIs: each mounts its own routes.
        new NluRoutes(bot.learning().model(), serviceAuth).mount(router);
        new ChatRoutes(vertx, bot.engine(), config.myPageKey(), serviceAuth, metrics,
                new ChatRoutes.Limits(ChatRoutes.Limits.standard().messagesPerConversationPerMinute(),
                        config.chatRequestsPerAddressPerMinute()), clients,
                demoCaseApi.map(DemoCaseApi::debtors).orElse(List.of()))
                .mount(router);
        sms = SmsChannel.create(vertx, config, bot, metrics, clients);
        sms.mount(router, serviceAuth);
        // Agents' messages reach SMS debtors through the same sender, in order per conversation.
        bot.handoffs().deliverOn(Channel.SMS, (state, message) -> sms.sendToDebtor(state.phone().orElseThrow(),
                message.text()).mapEmpty());
        new AgentRoutes(vertx, bot.handoffs(), bot.learning(), caseApi, AgentTokens.create(vertx, config.agentKey()),
                cannedReplies(), clock).mount(router);
        new LearningRoutes(bot.learning(), clock).mount(router);
        // Management: metrics and readiness with reasons on MANAGEMENT_PORT, or on this port for SERVICE_TOKEN only.
        Router management = config.managementPort().isPresent() ? Router.router(vertx) : router;
        if (management != router) {
            ErrorResponses.install(management);
            health.mount(management, ctx -> true);
            health.mount(router, ctx -> false);
        } else {
            health.mount(router, serviceAuth::allows);
            router.get("/metrics").handler(serviceAuth::handle);
        }
        management.get("/metrics").handler(PrometheusScrapingHandler.create(metrics));
        WidgetAssets.load().mount(router);
        router.get("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));

        // One server per core, all asking for the same port: Vert.x shares one listening socket between them and
        // spreads the connections over their event loops. (For PORT=0 a free port is chosen first: servers asking
        // for port 0 would each get a port of their own.)
        int port = config.port() == 0 ? freePort() : config.port();
        return listen(router, port)
                .recover(failure -> Future.failedFuture(new ConfigException(
                        "Cannot listen on PORT " + config.port() + ": " + failure.getMessage())))
                .compose(first -> {
                    var more = new ArrayList<Future<?>>();
                    for (int i = 1; i < HTTP_SERVERS; i++) {
                        more.add(listen(router, port));
                    }
                    return Future.all(more).map(all -> {
                        if (servers.stream().anyMatch(s -> s.actualPort() != first.actualPort())) {
                            throw new IllegalStateException("The HTTP servers did not share one port");
                        }
                        return first;
                    });
                })
                .compose(first -> managementServer(management, router).map(first))
                .map(first -> {
                    sms.runTurnsApartFrom(serverLoops);
                    log.info("Nora gateway listening on port {} ({} event loops)", first.actualPort(), servers.size());
                    return this;
                });
    }

    /**
     * Every family of endpoints has a per-client limit; the web chat counts in {@link ChatRoutes} (its limit is
     * configurable), SMS webhooks count only refused ones (in {@link SmsChannel}).
     */
    private static void limitEachFamily(Router router, ClientAddress clients) {
        var agents = new ClientLimits(AGENT_REQUESTS_PER_MINUTE, clients);
        router.route("/api/agent/*").handler(agents);
        var operators = new ClientLimits(OPERATOR_REQUESTS_PER_MINUTE, clients);
        router.route("/api/nlu/*").handler(operators);
        router.route("/api/sms/*").handler(operators);
        router.route("/metrics").handler(operators);
        router.route("/demo/*").handler(new ClientLimits(DEMO_REQUESTS_PER_MINUTE, clients));
    }

    /** The agents' canned replies: the file AGENT_CANNED_REPLIES names, or the built-in ones. */
    private CannedReplies cannedReplies() {
        try {
            return config.agentCannedReplies().map(path -> CannedReplies.fromFile(Path.of(path)))
                    .orElseGet(CannedReplies::builtIn);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("AGENT_CANNED_REPLIES: " + e.getMessage());
        }
    }

    /** The management port's one server, when MANAGEMENT_PORT is set. */
    private Future<?> managementServer(Router management, Router traffic) {
        if (management == traffic) {
            return Future.succeededFuture();
        }
        return vertx.createHttpServer(new HttpServerOptions().setPort(config.managementPort().get())
                        .setIdleTimeout(60).setIdleTimeoutUnit(TimeUnit.SECONDS))
                .requestHandler(management).listen()
                .recover(failure -> Future.failedFuture(new ConfigException(
                        "Cannot listen on MANAGEMENT_PORT " + config.managementPort().get() + ": " + failure.getMessage())))
                .onSuccess(server -> {
                    managementPort = server.actualPort();
                    onStop.add(server::close);
                });
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new ConfigException("No free port to listen on: " + e.getMessage());
        }
    }

    /**
     * One HTTP server on an event loop of its own (a context of its own: the verticle's). A connection that goes
     * quiet is closed ({@code idleTimeout}), and so is one that is slow to send a request ({@link ConnectionDeadlines}).
     */
    private Future<HttpServer> listen(Router router, int port) {
        // Plain HTTP/1.1: no client of ours speaks cleartext HTTP/2; Vert.x would answer a malformed h2c upgrade
        // itself, without the JSON error body; and a connection is an HTTP/1 connection from its first byte, so its
        // deadline starts when it opens, not when a protocol has been sniffed from its first request.
        var options = new HttpServerOptions().setPort(port).setCompressionSupported(true).setHttp2ClearTextEnabled(false)
                .setIdleTimeout((int) IDLE_TIMEOUT.toSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS);
        var listening = io.vertx.core.Promise.<HttpServer>promise();
        return vertx.deployVerticle(new io.vertx.core.VerticleBase() {
            @Override
            public Future<?> start() {
                serverLoops.add(((ContextInternal) context).nettyEventLoop());
                var deadlines = new ConnectionDeadlines(config.connectionTimeouts());
                deadlines.start(vertx);
                connectionDeadlines.add(deadlines);
                return vertx.createHttpServer(options).connectionHandler(deadlines::opened)
                        .invalidRequestHandler(ErrorResponses::invalidRequest)
                        .requestHandler(deadlines.watching(router)).listen().onComplete(listening);
            }
        }).compose(deployed -> listening.future()).onSuccess(servers::add);
    }

    /** Connections held open now, over all HTTP servers (their event loops' own counts; for tests). */
    public int openConnections() {
        return connectionDeadlines.stream().mapToInt(ConnectionDeadlines::openConnections).sum();
    }

    /** The management port, when MANAGEMENT_PORT is set. */
    public Optional<Integer> managementPort() {
        return Optional.ofNullable(managementPort);
    }

    public int port() {
        return servers.get(0).actualPort();
    }

    public Vertx vertx() {
        return vertx;
    }

    public GatewayConfig config() {
        return config;
    }

    /** The built-in demo case API, when no real one is configured. */
    public Optional<DemoCaseApi> demoCaseApi() {
        return demoCaseApi;
    }

    public Bot bot() {
        return bot;
    }

    public SmsChannel sms() {
        return sms;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /**
     * Stops accepting, lets in-flight requests and the SMS being answered finish (up to their grace periods), then
     * closes everything.
     */
    public CompletableFuture<Void> stop() {
        Future<Void> shutdown = Future.join(servers.stream().<Future<?>>map(s -> s.shutdown(10, TimeUnit.SECONDS))
                .toList()).mapEmpty();
        // The SMS being answered first (Twilio has their acknowledgements), while Redis and the case API are still up.
        var drained = shutdown
                .eventually(() -> sms == null ? Future.succeededFuture() : sms.stop())
                .eventually(() -> Future.join(onStop.stream().<Future<?>>map(java.util.function.Supplier::get).toList()))
                .toCompletionStage().toCompletableFuture();
        // Close Vert.x from a thread of its own, never from one of the event loops it is about to stop.
        return drained.handle((v, e) -> null)
                .thenComposeAsync(v -> vertx.close().toCompletionStage().toCompletableFuture())
                .thenApply(v -> null);
    }
}
