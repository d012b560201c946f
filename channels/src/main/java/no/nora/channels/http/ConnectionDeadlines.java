package no.nora.channels.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Map;
import no.nora.channels.config.GatewayConfig.ConnectionTimeouts;

/**
 * Deadlines a slow client cannot stretch: a new connection must send its first request's headers within
 * {@code headerTimeout}, a request's body must have arrived within {@code bodyTimeout} of its headers, and a kept-alive
 * connection must start its next request within {@code keepAlive} of the last answer – however slowly it trickles
 * bytes in meanwhile (the idle timeout alone would be reset by every byte). Upgraded WebSockets are left alone: their
 * own sign-in deadline and pings look after them.
 *
 * <p>One instance per HTTP server, used on that server's event loop only: connections are swept a few times a second.
 */
public final class ConnectionDeadlines {
    private final ConnectionTimeouts timeouts;
    private final long sweepMs;
    private final Map<HttpConnection, Watch> open = new HashMap<>();

    private static final class Watch {
        /** When the connection began waiting for a request's headers; 0 while a request is being served. */
        long waitingSince;
        boolean answeredOne;
        HttpServerRequest current;
        long currentSince;
    }

    public ConnectionDeadlines(ConnectionTimeouts timeouts) {
        this.timeouts = timeouts;
        // Swept at a tenth of the shortest deadline, at most once a second.
        this.sweepMs = Math.max(50, Math.min(1_000, timeouts.header().toMillis() / 10));
    }

    /** Starts the sweep on the calling context's event loop (the server's). */
    public long start(Vertx vertx) {
        return vertx.setPeriodic(sweepMs, t -> sweep(System.currentTimeMillis()));
    }

    /** For {@code HttpServer.connectionHandler}. */
    public void opened(HttpConnection connection) {
        var watch = new Watch();
        watch.waitingSince = System.currentTimeMillis();
        open.put(connection, watch);
        connection.closeHandler(v -> open.remove(connection));
    }

    /** Wraps the server's request handler. */
    public Handler<HttpServerRequest> watching(Handler<HttpServerRequest> next) {
        return request -> {
            var watch = open.get(request.connection());
            if (watch != null) {
                watch.waitingSince = 0;
                watch.current = request;
                watch.currentSince = System.currentTimeMillis();
                request.response().endHandler(v -> {
                    watch.current = null;
                    watch.answeredOne = true;
                    watch.waitingSince = System.currentTimeMillis();
                });
            }
            next.handle(request);
        };
    }

    /** Connections held now; for tests. */
    public int openConnections() {
        return open.size();
    }

    void sweep(long now) {
        var late = new java.util.ArrayList<HttpConnection>();
        open.forEach((connection, watch) -> {
            long waitLimit = (watch.answeredOne ? timeouts.keepAlive() : timeouts.header()).toMillis();
            boolean headersLate = watch.waitingSince > 0 && now - watch.waitingSince > waitLimit;
            boolean bodyLate = watch.current != null && !watch.current.isEnded()
                    && now - watch.currentSince > timeouts.body().toMillis();
            if (headersLate || bodyLate) {
                late.add(connection);
            }
        });
        late.forEach(connection -> {
            open.remove(connection);
            connection.close();
        });
    }
}
