package no.nora.bot.caseapi;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A case API that misbehaves on demand, for tests: it stands in front of a healthy case API (usually a
 * {@link DemoCaseApi}) and passes requests through until told to fail – every request ({@link #fail}) or only the
 * next few ({@link #failNext}). {@link #stop()} makes connections fail; {@link #restart()} listens again on the same
 * port. {@link #requests()} counts every request that reached it, so tests can see retries and fail-fast calls.
 */
public final class FaultyCaseApiServer {

    public enum Fault {
        /** Pass through. */
        NONE,
        /** Pass through after {@link #slowBy}, beyond any sensible client timeout. */
        SLOW,
        /** 500 with an error body. */
        SERVER_ERROR,
        /** 200 with a body that is not JSON. */
        MALFORMED_JSON,
        /** 200 with a JSON object that lacks every field the bot needs. */
        MISSING_FIELDS,
        /** Pass through, then close the connection instead of answering: the write happened, the answer is lost. */
        LOST_ANSWER
    }

    private final Vertx vertx;
    private final URI upstream;
    private final WebClient client;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger remainingFaults = new AtomicInteger(-1);
    private volatile Fault fault = Fault.NONE;
    private volatile Duration slowBy = Duration.ofSeconds(10);
    private volatile Optional<String> lastAuthorization = Optional.empty();
    private HttpServer server;
    private int port;

    private FaultyCaseApiServer(Vertx vertx, URI upstream) {
        this.vertx = vertx;
        this.upstream = upstream;
        this.client = WebClient.create(vertx);
    }

    /** Listens on a free port in front of {@code upstream}. */
    public static Future<FaultyCaseApiServer> start(Vertx vertx, URI upstream) {
        var faulty = new FaultyCaseApiServer(vertx, upstream);
        return faulty.listen(0).map(faulty);
    }

    /** In front of a fresh {@link DemoCaseApi} with the built-in fixtures. */
    public static Future<FaultyCaseApiServer> startInFrontOfDemo(Vertx vertx) {
        return DemoCaseApi.start(vertx, 0, Optional.empty()).compose(demo -> start(vertx, demo.baseUrl()));
    }

    private Future<Void> listen(int onPort) {
        return vertx.createHttpServer().requestHandler(this::handle).listen(onPort, "127.0.0.1").map(s -> {
            server = s;
            port = s.actualPort();
            return null;
        });
    }

    /** Every request from now on fails this way. */
    public FaultyCaseApiServer fail(Fault fault) {
        this.remainingFaults.set(-1);
        this.fault = fault;
        return this;
    }

    /** The next {@code count} requests fail this way, then it passes through again. */
    public FaultyCaseApiServer failNext(int count, Fault fault) {
        this.fault = fault;
        this.remainingFaults.set(count);
        return this;
    }

    /** How long {@link Fault#SLOW} waits before answering (default 10 s). */
    public FaultyCaseApiServer slowBy(Duration delay) {
        this.slowBy = delay;
        return this;
    }

    public FaultyCaseApiServer heal() {
        return fail(Fault.NONE);
    }

    /** Requests that reached this server so far. */
    public int requests() {
        return requests.get();
    }

    /** The Authorization header of the last request, if it had one. */
    public Optional<String> lastAuthorization() {
        return lastAuthorization;
    }

    public int port() {
        return port;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Stops listening: connections are refused until {@link #restart()}. */
    public Future<Void> stop() {
        return server.close();
    }

    /** Listens again on the same port. */
    public Future<Void> restart() {
        return listen(port);
    }

    private Fault nextFault() {
        int left = remainingFaults.getAndUpdate(n -> n > 0 ? n - 1 : n);
        return left == 0 ? Fault.NONE : fault;
    }

    private void handle(HttpServerRequest request) {
        requests.incrementAndGet();
        lastAuthorization = Optional.ofNullable(request.getHeader("Authorization"));
        Fault now = nextFault();
        switch (now) {
            case SERVER_ERROR -> answer(request, 500, "{\"error\":\"internal_error\",\"message\":\"Injected failure\"}");
            case MALFORMED_JSON -> answer(request, 200, "{\"cases\": [ {\"id\": ");
            case MISSING_FIELDS -> answer(request, 200, "{\"unexpected\": true}");
            case SLOW -> request.body().onSuccess(body -> vertx.setTimer(Math.max(1, slowBy.toMillis()),
                    t -> forward(request, body, false)));
            case LOST_ANSWER -> request.body().onSuccess(body -> forward(request, body, true));
            case NONE -> request.body().onSuccess(body -> forward(request, body, false));
        }
    }

    private void forward(HttpServerRequest request, Buffer body, boolean loseAnswer) {
        HttpRequest<Buffer> out = client.requestAbs(request.method(), upstream.toString() + request.uri());
        for (String header : new String[] {"Idempotency-Key", "Authorization", "Content-Type", "Accept"}) {
            Optional.ofNullable(request.getHeader(header)).ifPresent(value -> out.putHeader(header, value));
        }
        out.sendBuffer(body).onComplete(result -> {
            if (loseAnswer) {
                request.connection().close();
            } else if (result.succeeded()) {
                HttpResponse<Buffer> response = result.result();
                answer(request, response.statusCode(), response.body() == null ? "" : response.bodyAsString());
            } else {
                answer(request, 502, "{\"error\":\"bad_gateway\",\"message\":\"Upstream failed\"}");
            }
        });
    }

    private static void answer(HttpServerRequest request, int status, String body) {
        if (!request.response().ended() && !request.response().closed()) {
            request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
        }
    }
}
