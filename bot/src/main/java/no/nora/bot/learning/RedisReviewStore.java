package no.nora.bot.learning;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import no.nora.bot.conversation.StoreUnavailableException;
import no.nora.bot.redis.RedisScript;

/**
 * The review inbox in Redis. All its keys share the hash tag {@code {nora:learning}}, so in a cluster they live in one
 * slot and each change is one script:
 * <ul>
 *   <li>{@code {nora:learning}:items} – HASH item id → the item as JSON;</li>
 *   <li>{@code {nora:learning}:open} – ZSET of open item ids, scored by arrival (epoch millis);</li>
 *   <li>{@code {nora:learning}:decided} – ZSET of decided item ids, scored by decision time;</li>
 *   <li>{@code {nora:learning}:c:ID} – SET of a conversation's item ids, for its erasure; kept twice the
 *       conversations' retention after its last item.</li>
 * </ul>
 */
public final class RedisReviewStore implements ReviewStore {
    static final String ITEMS = "{nora:learning}:items";
    static final String OPEN = "{nora:learning}:open";
    static final String DECIDED = "{nora:learning}:decided";

    /** KEYS: items, open, conversation set. ARGV: id, json, score, cap, set ttl seconds. */
    private static final RedisScript ADD = new RedisScript("""
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
            redis.call('SADD', KEYS[3], ARGV[1])
            redis.call('EXPIRE', KEYS[3], ARGV[5])
            local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
            if excess > 0 then
              local popped = redis.call('ZPOPMIN', KEYS[2], excess)
              for i = 1, #popped, 2 do
                redis.call('HDEL', KEYS[1], popped[i])
              end
            end
            return 1
            """);
    /** KEYS: items, open, decided. ARGV: cap, then id, json, score per item. Returns the ids it decided. */
    private static final RedisScript DECIDE = new RedisScript("""
            local decided = {}
            for i = 2, #ARGV, 3 do
              if redis.call('ZREM', KEYS[2], ARGV[i]) == 1 then
                redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
                redis.call('ZADD', KEYS[3], ARGV[i + 2], ARGV[i])
                decided[#decided + 1] = ARGV[i]
              end
            end
            local excess = redis.call('ZCARD', KEYS[3]) - tonumber(ARGV[1])
            if excess > 0 then
              for _, old in ipairs(redis.call('ZRANGE', KEYS[3], 0, excess - 1)) do
                redis.call('ZREM', KEYS[3], old)
                redis.call('HDEL', KEYS[1], old)
              end
            end
            return decided
            """);
    /** KEYS: items, open, decided, conversation set. ARGV: none. */
    private static final RedisScript FORGET = new RedisScript("""
            for _, id in ipairs(redis.call('SMEMBERS', KEYS[4])) do
              redis.call('HDEL', KEYS[1], id)
              redis.call('ZREM', KEYS[2], id)
              redis.call('ZREM', KEYS[3], id)
            end
            redis.call('DEL', KEYS[4])
            return 1
            """);

    private final Redis redis;
    private final long indexSeconds;

    public RedisReviewStore(Redis redis, Duration conversationRetention) {
        this.redis = redis;
        this.indexSeconds = Math.max(60, conversationRetention.toSeconds() * 2);
    }

    static String conversationKey(String conversationId) {
        return "{nora:learning}:c:" + conversationId;
    }

    @Override
    public Future<Void> add(ReviewItem item) {
        return unavailable(ADD.run(redis, List.of(ITEMS, OPEN, conversationKey(item.conversationId())),
                args -> args.arg(item.id()).arg(item.toJson().encode()).arg(item.at().toEpochMilli())
                        .arg(OPEN_CAP).arg(indexSeconds))).mapEmpty();
    }

    @Override
    public Future<List<ReviewItem>> open(int max) {
        return items(Request.cmd(Command.ZRANGE).arg(OPEN).arg(0).arg(Math.max(0, max - 1)).arg("REV"));
    }

    @Override
    public Future<Long> openCount() {
        return unavailable(redis.send(Request.cmd(Command.ZCARD).arg(OPEN))).map(Response::toLong);
    }

    @Override
    public Future<List<ReviewItem>> decided() {
        return items(Request.cmd(Command.ZRANGE).arg(DECIDED).arg(0).arg(-1).arg("REV"));
    }

    @Override
    public Future<List<ReviewItem>> decide(List<String> ids, Function<ReviewItem, ReviewItem.Decision> decision) {
        if (ids.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return read(ids).compose(found -> {
            var decided = found.stream().filter(ReviewItem::open).map(i -> i.decided(decision.apply(i))).toList();
            if (decided.isEmpty()) {
                return Future.succeededFuture(List.<ReviewItem>of());
            }
            return unavailable(DECIDE.run(redis, List.of(ITEMS, OPEN, DECIDED), args -> {
                args.arg(DECIDED_CAP);
                decided.forEach(i -> args.arg(i.id()).arg(i.toJson().encode())
                        .arg(i.decision().orElseThrow().at().toEpochMilli()));
            })).map(done -> {
                var doneIds = new java.util.HashSet<String>();
                done.forEach(r -> doneIds.add(r.toString()));
                return decided.stream().filter(i -> doneIds.contains(i.id())).toList();
            });
        });
    }

    @Override
    public Future<Void> remove(String id) {
        return unavailable(redis.batch(List.of(Request.cmd(Command.ZREM).arg(OPEN).arg(id),
                Request.cmd(Command.ZREM).arg(DECIDED).arg(id),
                Request.cmd(Command.HDEL).arg(ITEMS).arg(id)))).mapEmpty();
    }

    @Override
    public Future<Void> forget(String conversationId) {
        return unavailable(FORGET.run(redis, List.of(ITEMS, OPEN, DECIDED, conversationKey(conversationId)),
                args -> { })).mapEmpty();
    }

    private Future<List<ReviewItem>> items(Request ids) {
        return unavailable(redis.send(ids)).compose(found -> {
            var list = new ArrayList<String>();
            if (found != null) {
                found.forEach(r -> list.add(r.toString()));
            }
            return read(list);
        });
    }

    /** The items of the ids, in their order; ids without an item are skipped. */
    private Future<List<ReviewItem>> read(List<String> ids) {
        if (ids.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        var request = Request.cmd(Command.HMGET).arg(ITEMS);
        ids.forEach(request::arg);
        return unavailable(redis.send(request)).map(values -> {
            var out = new ArrayList<ReviewItem>();
            for (Response value : values) {
                if (value != null) {
                    out.add(ReviewItem.fromJson(new JsonObject(value.toString())));
                }
            }
            return out;
        });
    }

    private static <T> Future<T> unavailable(Future<T> reply) {
        return reply.recover(e -> Future.failedFuture(StoreUnavailableException.fromRedis(e)));
    }
}
