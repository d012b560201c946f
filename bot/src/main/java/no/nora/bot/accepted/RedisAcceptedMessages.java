package no.nora.bot.accepted;

import static no.nora.bot.conversation.StoreUnavailableException.answered;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import no.nora.bot.redis.RedisScript;

/**
 * Accepted messages in Redis, per queue: one sorted set of {@code "KEY ENTRY"} members scored by lease deadline
 * ({@code {accepted:Q}:due}) and a key per message for deduplication ({@code {accepted:Q}:once:KEY}). Keeping costs
 * one script (two writes); answered messages are forgotten together, one {@code ZREM} for all those answered within
 * {@link #DONE_BATCH_MS}. One hash tag, so the script works on Redis Cluster (at the price of one slot per queue).
 */
public final class RedisAcceptedMessages implements AcceptedMessages {
    /**
     * How long an answered message may wait to be forgotten with others. Should this instance die meanwhile, it is
     * taken over and answered again: a short wait, for a command less per message.
     */
    static final long DONE_BATCH_MS = 20;
    /** KEYS: once, due. ARGV: dedupe seconds, deadline, member. */
    private static final RedisScript KEEP = new RedisScript("""
            if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
              return 0
            end
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
            return 1
            """);
    /** KEYS: due. ARGV: now, new deadline, how many. Returns the members taken over. */
    private static final RedisScript TAKE_OVERDUE = new RedisScript("""
            local members = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
            for _, member in ipairs(members) do
              redis.call('ZADD', KEYS[1], ARGV[2], member)
            end
            return members
            """);

    private final Vertx vertx;
    private final Redis redis;
    private final String queue;
    private final Duration dedupeFor;
    private final Duration lease;
    private final Clock clock;
    private final Object doneLock = new Object();
    private List<Accepted> doneBatch = new ArrayList<>();
    private Promise<Void> doneBatchSent;

    public RedisAcceptedMessages(Vertx vertx, Redis redis, String queue, Duration dedupeFor, Duration lease,
                                 Clock clock) {
        this.vertx = vertx;
        this.redis = redis;
        this.queue = queue;
        this.dedupeFor = dedupeFor;
        this.lease = lease;
        this.clock = clock;
    }

    private String key(String suffix) {
        return "{accepted:" + queue + "}:" + suffix;
    }

    /** Keys are letters only (hashes), so the first space ends the key. */
    private static String member(Accepted accepted) {
        return accepted.key() + " " + accepted.entry();
    }

    private static Accepted accepted(String member) {
        int space = member.indexOf(' ');
        return new Accepted(member.substring(0, space), member.substring(space + 1));
    }

    @Override
    public Future<Boolean> keep(String key, String entry) {
        return answered(KEEP.run(redis, List.of(key("once:" + key), key("due")), keep -> keep
                .arg(Math.max(1, dedupeFor.toSeconds())).arg(deadline()).arg(member(new Accepted(key, entry)))))
                .map(kept -> kept != null && kept.toInteger() == 1);
    }

    @Override
    public Future<Void> done(Accepted accepted) {
        synchronized (doneLock) {
            doneBatch.add(accepted);
            if (doneBatch.size() == 1) {
                doneBatchSent = Promise.promise();
                vertx.setTimer(DONE_BATCH_MS, t -> forgetDone());
            }
            return doneBatchSent.future();
        }
    }

    private void forgetDone() {
        List<Accepted> batch;
        Promise<Void> sent;
        synchronized (doneLock) {
            batch = doneBatch;
            sent = doneBatchSent;
            doneBatch = new ArrayList<>();
            doneBatchSent = null;
        }
        var forget = Request.cmd(Command.ZREM).arg(key("due"));
        batch.forEach(a -> forget.arg(member(a)));
        answered(redis.send(forget)).<Void>mapEmpty().onComplete(sent);
    }

    @Override
    public Future<Void> renew(Collection<Accepted> accepted) {
        if (accepted.isEmpty()) {
            return Future.succeededFuture();
        }
        // XX: an entry already done is not brought back.
        var renew = Request.cmd(Command.ZADD).arg(key("due")).arg("XX");
        long deadline = deadline();
        accepted.forEach(a -> renew.arg(deadline).arg(member(a)));
        return answered(redis.send(renew)).mapEmpty();
    }

    @Override
    public Future<List<Accepted>> takeOverdue(int max) {
        return answered(TAKE_OVERDUE.run(redis, List.of(key("due")), take -> take
                .arg(clock.millis()).arg(deadline()).arg(max))).map(reply -> {
                    var taken = new ArrayList<Accepted>();
                    for (int i = 0; reply != null && i < reply.size(); i++) {
                        taken.add(accepted(reply.get(i).toString()));
                    }
                    return taken;
                });
    }

    private long deadline() {
        return clock.millis() + lease.toMillis();
    }
}
