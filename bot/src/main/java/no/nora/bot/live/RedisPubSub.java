package no.nora.bot.live;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.nora.bot.redis.EventChannels;
import no.nora.bot.redis.RedisScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's one subscriber connection to Redis. It reconnects by itself after Redis restarts; while it is
 * away, live events are missed and clients resync from the store.
 */
public final class RedisPubSub {
    private static final Logger log = LoggerFactory.getLogger(RedisPubSub.class);
    private static final long MAX_BACKOFF_MS = 5_000;
    /** KEYS: a key of the channel's slot (not read: it only routes). ARGV: channel, payload. */
    private static final RedisScript PUBLISH_FROM_SLOT = new RedisScript("return redis.call('PUBLISH', ARGV[1], ARGV[2])");

    private final Vertx vertx;
    private final Redis subscriberClient;
    private final Redis publisher;
    private final boolean cluster;
    private final Map<String, Handler<String>> channels = new ConcurrentHashMap<>();
    private volatile RedisConnection connection;
    private volatile boolean closed;
    private long backoffMs = 100;

    /**
     * @param subscriberClient a client used only to open the subscriber connection
     * @param publisher        the shared command client
     */
    public RedisPubSub(Vertx vertx, Redis subscriberClient, Redis publisher) {
        this(vertx, subscriberClient, publisher, false);
    }

    /**
     * @param cluster whether Redis is a cluster: there a publish goes out from the node of its channel's slot
     *                ({@link EventChannels#slotKey}), the node whose scripts publish the same conversation's events
     */
    public RedisPubSub(Vertx vertx, Redis subscriberClient, Redis publisher, boolean cluster) {
        this.vertx = vertx;
        this.subscriberClient = subscriberClient;
        this.publisher = publisher;
        this.cluster = cluster;
    }

    /** Listens on a channel for as long as this instance runs; call before {@link #start()}. */
    public RedisPubSub on(String channel, Handler<String> handler) {
        channels.put(channel, handler);
        return this;
    }

    /**
     * Starts listening on a channel while running; completes when Redis has confirmed it. While the subscriber is
     * reconnecting it completes at once: the channel is subscribed again with the others when the connection is back.
     */
    public Future<Void> subscribe(String channel, Handler<String> handler) {
        channels.put(channel, handler);
        var current = connection;
        return current == null ? Future.succeededFuture()
                : current.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).<Void>mapEmpty()
                        .recover(e -> Future.succeededFuture());
    }

    public void unsubscribe(String channel) {
        channels.remove(channel);
        var current = connection;
        if (current != null) {
            current.send(Request.cmd(Command.UNSUBSCRIBE).arg(channel));
        }
    }

    public Future<Void> start() {
        return connect();
    }

    public Future<Void> publish(String channel, String payload) {
        if (cluster) {
            // A plain PUBLISH has no key, and the client sends it to any node; the cluster then passes it on to the
            // others, so events of one conversation published from two nodes could overtake each other.
            return PUBLISH_FROM_SLOT.run(publisher, List.of(EventChannels.slotKey(channel)),
                    publish -> publish.arg(channel).arg(payload)).mapEmpty();
        }
        return publisher.send(Request.cmd(Command.PUBLISH).arg(channel).arg(payload)).mapEmpty();
    }

    public Future<Void> close() {
        closed = true;
        var current = connection;
        return current == null ? Future.succeededFuture() : current.close();
    }

    private Future<Void> connect() {
        return subscriberClient.connect().compose(conn -> {
            connection = conn;
            conn.handler(this::dispatch);
            conn.exceptionHandler(e -> reconnectLater());
            conn.endHandler(v -> reconnectLater());
            backoffMs = 100;
            if (channels.isEmpty()) {
                return Future.succeededFuture();
            }
            var subscribe = Request.cmd(Command.SUBSCRIBE);
            channels.keySet().forEach(subscribe::arg);
            return conn.send(subscribe).mapEmpty();
        });
    }

    private void dispatch(Response response) {
        // A push: ["message", channel, payload]
        if (response != null && response.size() == 3 && "message".equals(response.get(0).toString())) {
            var handler = channels.get(response.get(1).toString());
            if (handler != null) {
                handler.handle(response.get(2).toString());
            }
        }
    }

    private void reconnectLater() {
        if (closed) {
            return;
        }
        connection = null;
        long delay = backoffMs;
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        vertx.setTimer(delay, t -> {
            if (!closed && connection == null) {
                connect().onFailure(e -> {
                    log.warn("Redis subscriber not connected yet: {}", e.getMessage());
                    reconnectLater();
                }).onSuccess(v -> log.info("Redis subscriber connected again"));
            }
        });
    }
}
