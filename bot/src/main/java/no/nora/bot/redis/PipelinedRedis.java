package no.nora.bot.redis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Commands to Redis over one long-lived connection per event loop, pipelined: many commands in flight on each,
 * replies in order. The pooled client holds a connection for each command's whole round trip, which capped the
 * commands in flight at the pool's size and cost a pool checkout and a hop between threads per command; here a
 * command goes out on its own event loop's connection and its reply comes back on that loop.
 *
 * <p>A connection that fails, closes or leaves a command unanswered for longer than the timeout is dropped, and the
 * next command opens a new one: a Redis restart heals without ours, and a connection lost without a word (a
 * vanished host sends no reset) does not hold its event loop's commands for the hours TCP keepalive would take.
 * While Redis is down, commands fail at once (connection refused) and callers see the store as unavailable.
 *
 * <p>The same in each of Redis's modes: on one server; behind Sentinel (a connection asks the sentinels for the
 * master, and one to a master that failed is dropped like any other); on a cluster, where a connection holds one
 * connection per node and sends each command to the node of its key's slot.
 *
 * <p>Each connection to one server sends the commands of one event-loop pass in one write ({@link OnePassFlushes}).
 */
public final class PipelinedRedis implements Redis {
    private final Vertx vertx;
    private final Redis connector;
    private final boolean cluster;
    private final Duration timeout;
    private final Counter unanswered;
    private final Map<EventLoop, Future<RedisConnection>> connections = new ConcurrentHashMap<>();

    /**
     * @param connector a client used only to open the connections (its pool must allow one per event loop)
     * @param type      the connector's kind: a cluster connection sends a batch's commands one by one
     * @param timeout   how long a command may go unanswered before its connection is given up
     * @param metrics   where {@code nora.redis.unanswered} counts the commands that went unanswered
     */
    public PipelinedRedis(Vertx vertx, Redis connector, RedisClientType type, Duration timeout,
                          MeterRegistry metrics) {
        this.vertx = vertx;
        this.connector = connector;
        this.cluster = type == RedisClientType.CLUSTER;
        this.timeout = timeout;
        this.unanswered = Counter.builder("nora.redis.unanswered")
                .description("Redis commands unanswered within the timeout; each drops its connection for a new one")
                .register(metrics);
    }

    @Override
    public Future<Response> send(Request command) {
        return onConnection(connection -> connection.send(command));
    }

    @Override
    public Future<List<Response>> batch(List<Request> commands) {
        return onConnection(connection -> cluster ? oneByOne(connection, commands) : connection.batch(commands));
    }

    /**
     * A batch goes to one node, so a cluster refuses one whose keys live on different nodes (a conversation's keys
     * share a slot, but a handoff's entry and the queue's indexes do not). Sent one by one on the same connection,
     * they are still pipelined, each to its node, and the replies come back in the batch's order.
     */
    private static Future<List<Response>> oneByOne(RedisConnection connection, List<Request> commands) {
        List<Future<Response>> replies = commands.stream().map(connection::send).toList();
        return Future.all(replies).map(all -> replies.stream().map(Future::result).toList());
    }

    private <T> Future<T> onConnection(Function<RedisConnection, Future<T>> command) {
        EventLoop loop = ((ContextInternal) vertx.getOrCreateContext()).nettyEventLoop();
        Future<RedisConnection> opened = connection(loop);
        return opened.compose(connection -> command.apply(connection)
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .onFailure(failure -> {
                    if (!(failure instanceof TimeoutException)) {
                        return;
                    }
                    unanswered.increment();
                    if (connections.remove(loop, opened)) {
                        // Not close(): that would hand it back to the pool for reuse. QUIT makes Redis end it
                        // once it answers again; a dead peer is ended by TCP keepalive. A cluster connection holds
                        // one per node, and QUIT would reach only one of them: it goes back to the pool, where a
                        // dead node's connection fails and is evicted.
                        if (cluster) {
                            connection.close();
                        } else {
                            connection.send(Request.cmd(Command.QUIT));
                        }
                    }
                }));
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

    private Future<RedisConnection> connection(EventLoop loop) {
        return connections.compute(loop, (key, current) -> {
            if (current != null && !current.failed()) {
                return current;
            }
            Future<RedisConnection>[] opening = new Future[1];
            opening[0] = connector.connect().onSuccess(connection -> {
                OnePassFlushes.install(connection);
                // Dropped on failure or close; the next command opens a new one.
                connection.exceptionHandler(e -> connections.remove(key, opening[0]));
                connection.endHandler(v -> connections.remove(key, opening[0]));
            });
            return opening[0];
        });
    }
}
