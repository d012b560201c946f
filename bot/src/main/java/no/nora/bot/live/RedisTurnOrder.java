package no.nora.bot.live;

import static no.nora.bot.conversation.StoreUnavailableException.answered;
import static no.nora.bot.redis.TurnLocks.lockKey;
import static no.nora.bot.redis.TurnLocks.waitersKey;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import no.nora.bot.conversation.DigitFree;
import no.nora.bot.conversation.Ids;
import no.nora.bot.conversation.TurnHold;
import no.nora.bot.redis.RedisScript;
import no.nora.bot.redis.TurnLocks;

/**
 * One turn at a time per conversation across instances. Within this instance, turns queue in a local chain; the
 * head of that chain takes a Redis lock ({@code SET NX PX}) on the conversation. A waiting instance does not poll:
 * it marks the conversation as waited for, the holder's release publishes on Redis and wakes it, and the lock's
 * expiry (a crashed holder) is the fallback. A release nobody waits for publishes nothing: that is nearly every turn.
 */
public final class RedisTurnOrder implements TurnOrder {
    private static final long LOCK_MS = 15_000;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RedisTurnOrder.class);
    /** KEYS: lock, waiters. ARGV: token, conversation id. */
    private static final RedisScript RELEASE_SCRIPT = new RedisScript(
            TurnLocks.releaseLua("KEYS[1]", "KEYS[2]", "ARGV[1]", "ARGV[2]"));
    /**
     * Takes the lock, or marks the conversation as waited for, in one step: a release after a failed attempt
     * always sees the mark. KEYS: lock, waiters. ARGV: token, milliseconds.
     */
    private static final RedisScript ACQUIRE_OR_WAIT_SCRIPT = new RedisScript("""
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              return 1
            end
            redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
            return 0
            """);

    private final Vertx vertx;
    private final Redis redis;
    private final RedisPubSub pubSub;
    private final LocalTurnOrder local = new LocalTurnOrder();
    /** Lock tokens need only be unique, not secret: this instance's random name and a count, no random draw a turn. */
    private final String instance = Ids.random(22) + ":";
    private final AtomicLong turns = new AtomicLong();
    private final Map<String, List<Runnable>> waiting = new ConcurrentHashMap<>();

    public RedisTurnOrder(Vertx vertx, Redis redis, RedisPubSub pubSub) {
        this.vertx = vertx;
        this.redis = redis;
        this.pubSub = pubSub;
        pubSub.on(TurnLocks.RELEASED, this::wake);
    }

    /** Work that reads nothing first: the same turn, with an empty read. */
    @Override
    public <T> Future<T> inOrder(String conversationId, Supplier<Future<T>> work) {
        return inOrder(conversationId, () -> Future.<Void>succeededFuture(), nothing -> work.get());
    }

    @Override
    public <R, T> Future<T> inOrder(String conversationId, Supplier<Future<R>> read, Function<R, Future<T>> work) {
        return inOrderHeld(conversationId, read, (r, hold) -> work.apply(r));
    }

    /**
     * The read must use the same Redis client as this order (one pipelined connection per event loop): sent right
     * after the lock's SET from the same event loop, it reaches Redis after it, so when the SET succeeded the read
     * saw the conversation as the previous turn left it. When the SET failed, the read is dropped and done again once
     * the turn is ours. The lock is released after the work unless the work's commit released it.
     */
    @Override
    public <R, T> Future<T> inOrderHeld(String conversationId, Supplier<Future<R>> read,
                                        BiFunction<R, TurnHold, Future<T>> work) {
        // The caller has its answer as soon as the work is done, a round trip before the release's reply; the next
        // turn in this process still waits for the release.
        Promise<T> answer = Promise.promise();
        local.inOrder(conversationId, () -> {
            String token = instance + DigitFree.count(turns.incrementAndGet());
            var hold = new TurnHold(Optional.of(token));
            Function<R, Future<T>> answering = r -> work.apply(r, hold).andThen(result -> settle(answer, result));
            Supplier<Future<Void>> release = () -> hold.released() ? Future.succeededFuture()
                    : release(conversationId, token);
            Future<Response> lock = answered(redis.send(lockRequest(conversationId, token)));
            Future<R> early = started(read);
            return Future.join(lock, early).transform(both -> {
                if (lock.failed()) {
                    return Future.<T>failedFuture(lock.cause());
                }
                if (locked(lock.result())) {
                    return early.compose(answering).eventually(release);
                }
                return acquire(conversationId, token).compose(ours -> started(read).compose(answering)
                        .eventually(release));
            });
        }).andThen(result -> settle(answer, result));
        return answer.future();
    }

    private static <T> void settle(Promise<T> answer, AsyncResult<T> result) {
        if (result.succeeded()) {
            answer.tryComplete(result.result());
        } else {
            answer.tryFail(result.cause());
        }
    }

    /** A read that throws fails its future instead, so a lock already asked for is still released. */
    private static <R> Future<R> started(Supplier<Future<R>> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private static Request lockRequest(String conversationId, String token) {
        return Request.cmd(Command.SET).arg(lockKey(conversationId)).arg(token).arg("NX").arg("PX").arg(LOCK_MS);
    }

    private static boolean locked(Response reply) {
        return reply != null && "OK".equals(reply.toString());
    }

    private Future<Void> acquire(String conversationId, String token) {
        Promise<Void> acquired = Promise.promise();
        tryAcquire(conversationId, token, acquired);
        return acquired.future();
    }

    private void tryAcquire(String conversationId, String token, Promise<Void> acquired) {
        // Register interest before trying, so a release between the attempt and the wait is not missed.
        var wakers = waiting.computeIfAbsent(conversationId, id -> new CopyOnWriteArrayList<>());
        var once = new java.util.concurrent.atomic.AtomicBoolean();
        // A release heard before this attempt's SET has answered must not start a second attempt: if this SET
        // then succeeds, the second one would take the lock again later and never release it.
        var replied = new java.util.concurrent.atomic.AtomicBoolean();
        var wokenEarly = new java.util.concurrent.atomic.AtomicBoolean();
        long[] timer = {-1};
        Runnable retry = () -> {
            if (!replied.get()) {
                wokenEarly.set(true);
                return;
            }
            if (once.compareAndSet(false, true)) {
                if (timer[0] >= 0) {
                    vertx.cancelTimer(timer[0]);
                }
                tryAcquire(conversationId, token, acquired);
            }
        };
        wakers.add(retry);
        answered(ACQUIRE_OR_WAIT_SCRIPT.run(redis, List.of(lockKey(conversationId), waitersKey(conversationId)),
                        acquire -> acquire.arg(token).arg(LOCK_MS)))
                .onFailure(e -> {
                    wakers.remove(retry);
                    once.set(true);
                    acquired.tryFail(e);
                })
                .onSuccess(reply -> {
                    replied.set(true);
                    if (reply != null && reply.toInteger() == 1) {
                        wakers.remove(retry);
                        once.set(true);
                        acquired.tryComplete();
                    } else {
                        if (wokenEarly.get()) {
                            retry.run();
                            return;
                        }
                        // Held by another instance: wait for its release, or for the lock to expire.
                        timer[0] = vertx.setTimer(LOCK_MS, t -> retry.run());
                        if (once.get()) {
                            vertx.cancelTimer(timer[0]);
                        }
                    }
                });
    }

    private Future<Void> release(String conversationId, String token) {
        return answered(RELEASE_SCRIPT.run(redis, List.of(lockKey(conversationId), waitersKey(conversationId)),
                        release -> release.arg(token).arg(conversationId)))
                .<Void>mapEmpty()
                .recover(e -> {
                    // The lock expires by itself; waiting instances then take it without a wake-up.
                    log.warn("Could not release the turn lock of a conversation: {}", e.getMessage());
                    return Future.succeededFuture();
                });
    }

    private void wake(String conversationId) {
        var wakers = waiting.remove(conversationId);
        if (wakers != null) {
            wakers.forEach(Runnable::run);
        }
    }
}
