package no.nora.bot.handoff;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nora.bot.conversation.StoreUnavailableException;
import no.nora.bot.redis.RedisScript;

/**
 * The queue in Redis, shared by every gateway instance:
 * <ul>
 *   <li>{@code nora:handoff:e:ID} – the entry as JSON (expires with the conversation's retention);</li>
 *   <li>{@code nora:handoff:waiting} – ZSET of waiting conversation ids, scored priority × 10¹³ + queued-at millis;</li>
 *   <li>{@code nora:handoff:assigned} – ZSET of claimed conversation ids, scored by claim time;</li>
 *   <li>{@code nora:handoff:timers} – ZSET of deadlines ({@code queue:ID}, {@code reply:ID}), scored by due millis;</li>
 *   <li>{@code nora:handoff:ended} – LIST of recently ended conversation ids, newest first, capped;</li>
 *   <li>{@code nora:handoff:agents} – HASH of agents with the console open: id → {@code {"name","role","seen"}};</li>
 *   <li>{@code nora:figures:YYYY-MM-DD} – HASH of the day's counts (Europe/Oslo days), kept {@value #FIGURE_DAYS} days.</li>
 * </ul>
 * Members and values are letters and ISO times only; numbers live in scores.
 */
public final class RedisHandoffQueue implements HandoffQueue {
    static final String WAITING = "nora:handoff:waiting";
    static final String ASSIGNED = "nora:handoff:assigned";
    static final String TIMERS = "nora:handoff:timers";
    static final String ENDED = "nora:handoff:ended";
    static final String AGENTS = "nora:handoff:agents";
    static final int FIGURE_DAYS = 40;
    private static final int DUE_BATCH = 50;
    /** Takes the passed deadlines and pushes them a lease ahead, in one step, so only one instance gets each. */
    private static final RedisScript CLAIM_DUE = new RedisScript("""
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
            for _, member in ipairs(due) do
              redis.call('ZADD', KEYS[1], ARGV[2], member)
            end
            return due
            """);

    private final Redis redis;
    private final long retentionSeconds;

    public RedisHandoffQueue(Redis redis, Duration retention) {
        this.redis = redis;
        this.retentionSeconds = Math.max(1, retention.toSeconds());
    }

    static String entryKey(String conversationId) {
        return "nora:handoff:e:" + conversationId;
    }

    @Override
    public Future<Void> save(QueueEntry entry) {
        String id = entry.conversationId();
        var batch = new ArrayList<Request>();
        batch.add(Request.cmd(Command.SET).arg(entryKey(id)).arg(entry.toJson().encode()).arg("EX").arg(retentionSeconds));
        if (entry.ended()) {
            batch.add(Request.cmd(Command.ZREM).arg(WAITING).arg(id));
            batch.add(Request.cmd(Command.ZREM).arg(ASSIGNED).arg(id));
        } else if (entry.waiting()) {
            batch.add(Request.cmd(Command.ZREM).arg(ASSIGNED).arg(id));
            batch.add(Request.cmd(Command.ZADD).arg(WAITING).arg(entry.score()).arg(id));
        } else {
            batch.add(Request.cmd(Command.ZREM).arg(WAITING).arg(id));
            batch.add(Request.cmd(Command.ZADD).arg(ASSIGNED)
                    .arg(entry.claimedAt().orElse(entry.queuedAt()).toEpochMilli()).arg(id));
        }
        return batch(batch);
    }

    @Override
    public Future<Optional<QueueEntry>> find(String conversationId) {
        return send(Request.cmd(Command.GET).arg(entryKey(conversationId)))
                .map(r -> Optional.ofNullable(r).map(json -> QueueEntry.fromJson(new JsonObject(json.toString()))));
    }

    @Override
    public Future<Void> remove(String conversationId, boolean keepEntry) {
        var batch = new ArrayList<Request>();
        batch.add(Request.cmd(Command.ZREM).arg(WAITING).arg(conversationId));
        batch.add(Request.cmd(Command.ZREM).arg(ASSIGNED).arg(conversationId));
        batch.add(Request.cmd(Command.ZREM).arg(TIMERS)
                .arg(HandoffTimer.queue(conversationId).key()).arg(HandoffTimer.reply(conversationId).key()));
        if (!keepEntry) {
            batch.add(Request.cmd(Command.DEL).arg(entryKey(conversationId)));
            batch.add(Request.cmd(Command.LREM).arg(ENDED).arg(0).arg(conversationId));
        }
        return batch(batch);
    }

    @Override
    public Future<List<QueueEntry>> waiting() {
        return entries(WAITING);
    }

    @Override
    public Future<List<QueueEntry>> assigned() {
        return entries(ASSIGNED);
    }

    private Future<List<QueueEntry>> entries(String index) {
        return send(Request.cmd(Command.ZRANGE).arg(index).arg(0).arg(-1)).compose(this::entriesOf);
    }

    /**
     * The entries of the given ids, in their order; ids whose entry is gone are skipped. One GET per entry, pipelined:
     * entries of a cluster live on different nodes, and an MGET split across them would come back in the nodes'
     * order, not the queue's.
     */
    private Future<List<QueueEntry>> entriesOf(Response ids) {
        if (ids == null || ids.size() == 0) {
            return Future.succeededFuture(List.<QueueEntry>of());
        }
        List<Future<Response>> values = new ArrayList<>();
        for (Response id : ids) {
            values.add(send(Request.cmd(Command.GET).arg(entryKey(id.toString()))));
        }
        return Future.all(values).map(all -> {
            var out = new ArrayList<QueueEntry>();
            for (Future<Response> value : values) {
                if (value.result() != null) {
                    out.add(QueueEntry.fromJson(new JsonObject(value.result().toString())));
                }
            }
            return out;
        });
    }

    @Override
    public Future<Long> waitingCount() {
        return send(Request.cmd(Command.ZCARD).arg(WAITING)).map(Response::toLong);
    }

    @Override
    public Future<Void> schedule(HandoffTimer timer, Instant due) {
        return send(Request.cmd(Command.ZADD).arg(TIMERS).arg(due.toEpochMilli()).arg(timer.key())).mapEmpty();
    }

    @Override
    public Future<Void> cancel(HandoffTimer timer) {
        return send(Request.cmd(Command.ZREM).arg(TIMERS).arg(timer.key())).mapEmpty();
    }

    @Override
    public Future<List<HandoffTimer>> due(Instant now, Duration lease) {
        return unavailable(CLAIM_DUE.run(redis, List.of(TIMERS),
                claim -> claim.arg(now.toEpochMilli()).arg(now.plus(lease).toEpochMilli()).arg(DUE_BATCH))).map(list -> {
                    var out = new ArrayList<HandoffTimer>();
                    if (list != null) {
                        for (Response member : list) {
                            HandoffTimer.fromKey(member.toString()).ifPresent(out::add);
                        }
                    }
                    return out;
                });
    }

    @Override
    public Future<Void> ended(QueueEntry entry) {
        String id = entry.conversationId();
        var batch = new ArrayList<Request>();
        batch.add(Request.cmd(Command.SET).arg(entryKey(id)).arg(entry.toJson().encode()).arg("EX").arg(retentionSeconds));
        batch.add(Request.cmd(Command.ZREM).arg(WAITING).arg(id));
        batch.add(Request.cmd(Command.ZREM).arg(ASSIGNED).arg(id));
        batch.add(Request.cmd(Command.ZREM).arg(TIMERS)
                .arg(HandoffTimer.queue(id).key()).arg(HandoffTimer.reply(id).key()));
        batch.add(Request.cmd(Command.LREM).arg(ENDED).arg(0).arg(id));
        batch.add(Request.cmd(Command.LPUSH).arg(ENDED).arg(id));
        batch.add(Request.cmd(Command.LTRIM).arg(ENDED).arg(0).arg(RECENTLY_ENDED - 1));
        return batch(batch);
    }

    @Override
    public Future<List<QueueEntry>> recentlyEnded() {
        return send(Request.cmd(Command.LRANGE).arg(ENDED).arg(0).arg(-1))
                .compose(this::entriesOf)
                .map(entries -> entries.stream().filter(QueueEntry::ended).toList());
    }

    @Override
    public Future<Void> agentSeen(Agent agent, Instant at) {
        var json = new JsonObject().put("name", agent.name()).put("role", agent.role().code())
                .put("seen", no.nora.bot.text.Timestamps.text(at));
        return send(Request.cmd(Command.HSET).arg(AGENTS).arg(agent.id()).arg(json.encode())).mapEmpty();
    }

    @Override
    public Future<Void> agentGone(String agentId) {
        return send(Request.cmd(Command.HDEL).arg(AGENTS).arg(agentId)).mapEmpty();
    }

    @Override
    public Future<List<AgentOnline>> agentsSeenSince(Instant since) {
        return send(Request.cmd(Command.HGETALL).arg(AGENTS)).map(all -> {
            var out = new ArrayList<AgentOnline>();
            if (all != null) {
                for (String id : all.getKeys()) {
                    var json = new JsonObject(all.get(id).toString());
                    var seen = Instant.parse(json.getString("seen"));
                    var role = Agent.Role.fromCode(json.getString("role", "agent")).orElse(Agent.Role.AGENT);
                    if (!seen.isBefore(since)) {
                        out.add(new AgentOnline(new Agent(id, json.getString("name", id), role), seen));
                    }
                }
            }
            out.sort(java.util.Comparator.comparing(a -> a.agent().name()));
            return out;
        });
    }

    static String figuresKey(LocalDate day) {
        return "nora:figures:" + day;
    }

    @Override
    public Future<Void> count(LocalDate day, Map<String, Long> amounts) {
        var requests = new ArrayList<Request>();
        amounts.forEach((figure, n) -> requests.add(Request.cmd(Command.HINCRBY).arg(figuresKey(day)).arg(figure).arg(n)));
        requests.add(Request.cmd(Command.EXPIRE).arg(figuresKey(day)).arg(FIGURE_DAYS * 24 * 60 * 60));
        return batch(requests);
    }

    @Override
    public Future<Map<String, Long>> figures(LocalDate day) {
        return send(Request.cmd(Command.HGETALL).arg(figuresKey(day))).map(all -> {
            var out = new HashMap<String, Long>();
            if (all != null) {
                for (String figure : all.getKeys()) {
                    out.put(figure, all.get(figure).toLong());
                }
            }
            return out;
        });
    }

    private Future<Response> send(Request request) {
        return unavailable(redis.send(request));
    }

    private Future<Void> batch(List<Request> requests) {
        return unavailable(redis.batch(requests)).mapEmpty();
    }

    private static <T> Future<T> unavailable(Future<T> reply) {
        return reply.recover(e -> Future.failedFuture(StoreUnavailableException.fromRedis(e)));
    }
}
