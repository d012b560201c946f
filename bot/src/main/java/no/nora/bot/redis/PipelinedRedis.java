package no.nora.bot.redis;

import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Commands to Redis over one long-lived connection per event loop, pipelined: many commands in flight on each,
 * replies in order. The pooled client holds a connection for each command's whole round trip, which capped the
 * commands in flight at the pool's size and cost a pool checkout and a hop between threads per command; here a
 * command goes out on its own event loop's connection and its reply comes back on that loop.
 *
 * <p>A connection that fails or closes is dropped, and the next command opens a new one, so a Redis restart heals
 * without ours. While Redis is down, commands fail at once (connection refused) and callers see the store as
 * unavailable.
 */
public final class PipelinedRedis implements Redis {
    private final Vertx vertx;
    private final Redis connector;
    private final Map<EventLoop, Future<RedisConnection>> connections = new ConcurrentHashMap<>();

    /** @param connector a client used only to open the connections (its pool must allow one per event loop) */
    public PipelinedRedis(Vertx vertx, Redis connector) {
        this.vertx = vertx;
        this.connector = connector;
    }

    @Override
    public Future<Response> send(Request command) {
        return connection().compose(connection -> connection.send(command));
    }

    @Override
    public Future<List<Response>> batch(List<Request> commands) {
        return connection().compose(connection -> connection.batch(commands));
    }

    /** A connection of the caller's own (for a subscriber, say), not one of the shared ones. */
    @Override
    public Future<RedisConnection> connect() {
        return connector.connect();
    }

    @Override
    public Future<Void> close() {
        connections.values().forEach(opened -> opened.onSuccess(RedisConnection::close));
        connections.clear();
        return connector.close();
    }

    private Future<RedisConnection> connection() {
        EventLoop loop = ((ContextInternal) vertx.getOrCreateContext()).nettyEventLoop();
        return connections.compute(loop, (key, current) -> {
            if (current != null && !current.failed()) {
                return current;
            }
            Future<RedisConnection>[] opening = new Future[1];
            opening[0] = connector.connect().onSuccess(connection -> {
                // Dropped on failure or close; the next command opens a new one.
                connection.exceptionHandler(e -> connections.remove(key, opening[0]));
                connection.endHandler(v -> connections.remove(key, opening[0]));
            });
            return opening[0];
        });
    }
}
