package no.nora.bot.conversation;

import static no.nora.bot.conversation.StoreUnavailableException.answered;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nora.bot.redis.EventChannels;
import no.nora.bot.redis.RedisScript;
import no.nora.bot.redis.TurnLocks;

/**
 * Conversations in Redis. Per conversation: its state as one compact JSON string ({@code {conv:ID}:st}), a capped
 * list of compact JSON messages ({@code {conv:ID}:m}) and a hash of remembered turns ({@code {conv:ID}:t}). The hash tag
 * keeps one conversation's keys in one slot, so the layout works on Redis Cluster. Appends push one element;
 * nothing rewrites the whole history. Every write renews all three keys' TTL.
 */
public final class RedisConversationStore implements ConversationStore {
    private final Redis redis;
    private final long retentionSeconds;
    private final Duration retention;

    public RedisConversationStore(Redis redis, Duration retention) {
        this.redis = redis;
        this.retentionSeconds = Math.max(1, retention.toSeconds());
        this.retention = retention;
    }

    static String stateKey(String id) {
        return "{conv:" + id + "}:st";
    }

    /**
     * Where the state was kept until 2026-11, as a hash of fields: read when the string is missing, so conversations
     * under way during an upgrade carry on. Can go once those have passed their retention.
     */
    static String formerStateKey(String id) {
        return "{conv:" + id + "}:s";
    }

    static String messagesKey(String id) {
        return "{conv:" + id + "}:m";
    }

    static String turnsKey(String id) {
        return "{conv:" + id + "}:t";
    }

    /** The state alone: a turn with nothing said, through the same script. */
    @Override
    public Future<Void> save(ConversationState state) {
        return commitTurn(state, List.of(), Optional.empty());
    }

    @Override
    public Future<Optional<ConversationState>> find(String conversationId) {
        return send(Request.cmd(Command.GET).arg(stateKey(conversationId))).compose(stored -> state(conversationId, stored));
    }

    private Future<Optional<ConversationState>> state(String conversationId, Response stored) {
        if (stored != null) {
            return Future.succeededFuture(Optional.of(StoredForm.state(conversationId, stored.toString())));
        }
        return send(Request.cmd(Command.HGETALL).arg(formerStateKey(conversationId))).map(hash -> {
            if (hash == null || hash.size() == 0) {
                return Optional.empty();
            }
            Map<String, String> fields = new HashMap<>();
            for (String key : hash.getKeys()) {
                fields.put(key, hash.get(key).toString());
            }
            return Optional.of(StoredForm.stateFromFields(conversationId, fields));
        });
    }

    @Override
    public Future<Void> append(String conversationId, Message message) {
        var batch = new ArrayList<Request>();
        batch.add(Request.cmd(Command.RPUSH).arg(messagesKey(conversationId)).arg(StoredForm.message(message)));
        batch.add(Request.cmd(Command.LTRIM).arg(messagesKey(conversationId)).arg(-TRANSCRIPT_CAP).arg(-1));
        batch.addAll(expireAll(conversationId));
        return batch(batch).mapEmpty();
    }

    @Override
    public Future<Void> replace(String conversationId, Message message) {
        String key = messagesKey(conversationId);
        return send(Request.cmd(Command.LRANGE).arg(key).arg(0).arg(-1)).compose(list -> {
            for (int i = 0; i < list.size(); i++) {
                if (StoredForm.message(list.get(i).toString()).id().equals(message.id())) {
                    return send(Request.cmd(Command.LSET).arg(key).arg(i).arg(StoredForm.message(message))).mapEmpty();
                }
            }
            return Future.succeededFuture();
        });
    }

    @Override
    public Future<List<Message>> transcript(String conversationId) {
        return send(Request.cmd(Command.LRANGE).arg(messagesKey(conversationId)).arg(0).arg(-1)).map(list -> {
            var messages = new ArrayList<Message>(list.size());
            for (Response item : list) {
                messages.add(StoredForm.message(item.toString()));
            }
            return messages;
        });
    }

    @Override
    public Future<Optional<TurnStart>> startTurn(String conversationId, Optional<String> clientKey) {
        var reads = new ArrayList<Request>();
        reads.add(Request.cmd(Command.GET).arg(stateKey(conversationId)));
        clientKey.ifPresent(key -> reads.add(Request.cmd(Command.HGET).arg(turnsKey(conversationId)).arg(key)));
        return batch(reads).compose(replies -> state(conversationId, replies.get(0)).map(found -> found.map(state ->
                new TurnStart(state, replies.size() < 2 ? Optional.empty()
                        : Optional.ofNullable(replies.get(1)).map(ids -> StoredForm.messageIds(ids.toString()))))));
    }

    /**
     * A turn's writes as one script, which Redis runs whole (atomically, like MULTI/EXEC) in one command: the state
     * written anew, the messages appended and the transcript capped, the turn's message ids remembered under the
     * client key, every key's retention renewed. The state is one string rather than a hash of fields: measured on
     * Redis 7, this script costs Redis about two thirds of the hash's (whose arguments Lua also had to unpack).
     * The state's former hash is deleted: an instance of the earlier version, still running during a rolling
     * upgrade, then finds no conversation rather than an outdated one (a handoff undone, say).
     * Then, when given, the turn's close: its events published, its lock released ({@link TurnClose}).
     * KEYS: state, messages, turns, former state, lock, lock waiters. ARGV: retention, transcript cap, client key
     * ('' for none), message ids, state, remembered turns cap, events channel ('' for none), events, lock token
     * ('' for none), conversation id, then the messages.
     */
    private static final RedisScript COMMIT_TURN = new RedisScript("""
            redis.call('SET', KEYS[1], ARGV[5], 'EX', ARGV[1])
            redis.call('DEL', KEYS[4])
            if #ARGV >= 11 then
              redis.call('RPUSH', KEYS[2], unpack(ARGV, 11, #ARGV))
              redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
            end
            if ARGV[3] ~= '' then
              if redis.call('HLEN', KEYS[3]) >= tonumber(ARGV[6]) then
                redis.call('DEL', KEYS[3])
              end
              redis.call('HSET', KEYS[3], ARGV[3], ARGV[4])
            end
            redis.call('EXPIRE', KEYS[2], ARGV[1])
            redis.call('EXPIRE', KEYS[3], ARGV[1])
            if ARGV[7] ~= '' then
              redis.call('PUBLISH', ARGV[7], ARGV[8])
            end
            if ARGV[9] ~= '' then
            """ + TurnLocks.releaseLua("KEYS[5]", "KEYS[6]", "ARGV[9]", "ARGV[10]") + """
            end
            return 1
            """);

    @Override
    public Future<Void> commitTurn(ConversationState state, List<Message> messages, Optional<String> clientKey) {
        return commit(state, messages, clientKey, Optional.empty());
    }

    @Override
    public Future<Boolean> commitTurn(ConversationState state, List<Message> messages, Optional<String> clientKey,
                                      TurnClose close) {
        return commit(state, messages, clientKey, Optional.of(close)).map(done -> {
            close.hold().filter(hold -> hold.lockToken().isPresent()).ifPresent(TurnHold::releasedByCommit);
            return true;
        });
    }

    private Future<Void> commit(ConversationState state, List<Message> messages, Optional<String> clientKey,
                                Optional<TurnClose> close) {
        String id = state.id();
        var keys = List.of(stateKey(id), messagesKey(id), turnsKey(id), formerStateKey(id), TurnLocks.lockKey(id),
                TurnLocks.waitersKey(id));
        String channel = close.filter(c -> !c.events().isEmpty()).map(c -> EventChannels.channel(c.topic())).orElse("");
        String events = channel.isEmpty() ? "" : EventChannels.payload(close.get().events());
        String token = close.flatMap(TurnClose::hold).flatMap(TurnHold::lockToken).orElse("");
        return answered(COMMIT_TURN.run(redis, keys, eval -> {
            eval.arg(Math.max(1, state.keptFor(retention).toSeconds())).arg(TRANSCRIPT_CAP).arg(clientKey.orElse(""))
                    .arg(StoredForm.messageIds(messages)).arg(StoredForm.state(state)).arg(REMEMBERED_TURNS_CAP)
                    .arg(channel).arg(events).arg(token).arg(id);
            messages.forEach(m -> eval.arg(StoredForm.message(m)));
        })).mapEmpty();
    }

    @Override
    public Future<Void> erase(String conversationId, List<String> lookupKeys) {
        var del = Request.cmd(Command.DEL).arg(stateKey(conversationId)).arg(formerStateKey(conversationId))
                .arg(messagesKey(conversationId)).arg(turnsKey(conversationId));
        // Lookup keys live in other slots: delete them one by one, so this also works on a cluster.
        var batch = new ArrayList<Request>();
        batch.add(del);
        lookupKeys.forEach(k -> batch.add(Request.cmd(Command.DEL).arg(lookupKey(k))));
        return batch(batch).mapEmpty();
    }

    @Override
    public Future<Optional<String>> lookup(String key) {
        return send(Request.cmd(Command.GET).arg(lookupKey(key))).map(r -> Optional.ofNullable(r).map(Response::toString));
    }

    @Override
    public Future<Void> putLookup(String key, String value, Duration ttl) {
        return send(Request.cmd(Command.SET).arg(lookupKey(key)).arg(value).arg("EX").arg(Math.max(1, ttl.toSeconds())))
                .mapEmpty();
    }

    @Override
    public Future<Boolean> claimOnce(String key, Duration ttl) {
        return send(Request.cmd(Command.SET).arg("once:" + key).arg("1").arg("NX").arg("EX").arg(Math.max(1, ttl.toSeconds())))
                .map(r -> r != null && "OK".equals(r.toString()));
    }

    @Override
    public Future<Void> ping() {
        return send(Request.cmd(Command.PING)).mapEmpty();
    }

    private static String lookupKey(String key) {
        return "lk:" + key;
    }

    private List<Request> expireAll(String id) {
        return List.of(
                Request.cmd(Command.EXPIRE).arg(stateKey(id)).arg(retentionSeconds),
                Request.cmd(Command.EXPIRE).arg(messagesKey(id)).arg(retentionSeconds),
                Request.cmd(Command.EXPIRE).arg(turnsKey(id)).arg(retentionSeconds));
    }

    private Future<Response> send(Request request) {
        return answered(redis.send(request));
    }

    private Future<List<Response>> batch(List<Request> requests) {
        return answered(redis.batch(requests));
    }
}
