package no.nora.bot.redis;

import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.impl.PooledRedisConnection;
import io.vertx.redis.client.impl.RedisStandaloneConnection;
import java.lang.reflect.Field;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the commands given to a Redis connection during one pass of its event loop in one write. Vert.x flushes a
 * socket at every write unless that socket is being read, and a turn's commands are mostly written while another
 * socket is read (a chat request, a case API reply): one system call per command, and one wake-up of Redis for each.
 * Netty's {@link FlushConsolidationHandler} holds such flushes until the loop has handled what it read in this pass
 * (a task queued behind the pass), so every command of the pass leaves in one write, at no added delay beyond the
 * pass. Vert.x offers no option for it: the handler goes into the connection's Netty pipeline, reached through the
 * Redis client's internals. Should a later Vert.x change those, commands go out one write each, as before.
 *
 * <p>A connection to one server (standalone, or the master behind Sentinel) gets it; a cluster connection holds a
 * connection per node, opened inside the client, and its commands go out one write each.
 */
final class OnePassFlushes {
    private static final Logger log = LoggerFactory.getLogger(OnePassFlushes.class);
    /** Flushes before one is made regardless: bounds what a long pass holds back. */
    private static final int MOST_HELD = 64;
    private static final Optional<Field> SOCKET = socketField();

    private OnePassFlushes() {
    }

    /** Makes the connection flush once per pass, where its internals allow; otherwise leaves it as it is. */
    static void install(RedisConnection connection) {
        if (SOCKET.isEmpty() || !(connection instanceof PooledRedisConnection pooled)
                || !(pooled.actual() instanceof RedisStandaloneConnection standalone)) {
            return;
        }
        try {
            if (SOCKET.get().get(standalone) instanceof NetSocketInternal socket) {
                socket.channelHandlerContext().pipeline().addFirst(new FlushConsolidationHandler(MOST_HELD, true));
            }
        } catch (IllegalAccessException | RuntimeException e) {
            log.debug("Redis writes flushed one by one: {}", e.toString());
        }
    }

    private static Optional<Field> socketField() {
        try {
            Field field = RedisStandaloneConnection.class.getDeclaredField("netSocket");
            field.setAccessible(true);
            return Optional.of(field);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.info("Redis commands are written one by one (this Vert.x hides the connection's socket): {}",
                    e.toString());
            return Optional.empty();
        }
    }
}
