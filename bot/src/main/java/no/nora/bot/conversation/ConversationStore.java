package no.nora.bot.conversation;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Remembers conversations: a small state record and a capped, redacted transcript per conversation, plus a few
 * keys for deduplication and lookups. Redis in production ({@link RedisConversationStore}), memory in the demo
 * ({@link InMemoryConversationStore}). Every write renews the conversation's retention (a sliding TTL).
 *
 * <p>Failures come back as {@link StoreUnavailableException}, which channels turn into a 503.
 */
public interface ConversationStore {

    /** How many messages a transcript keeps; older ones are dropped. */
    int TRANSCRIPT_CAP = 200;

    /**
     * How many turns' client keys are remembered for retries: when full, the memory starts afresh with the new turn.
     * A retry comes right after its turn, and older turns' messages have left the capped transcript anyway; without
     * a cap, a conversation sent message after message (a loop, a flood of SMS) would grow without end.
     */
    int REMEMBERED_TURNS_CAP = 100;

    Future<Void> save(ConversationState state);

    Future<Optional<ConversationState>> find(String conversationId);

    Future<Void> append(String conversationId, Message message);

    /** Rewrites one stored message, found by id (used to remove a number split across two messages). */
    Future<Void> replace(String conversationId, Message message);

    Future<List<Message>> transcript(String conversationId);

    /**
     * The state and, for a client key, the message ids an earlier try of the same turn produced (remembered by
     * {@link #commitTurn}); in one read. Empty when the conversation does not exist.
     */
    Future<Optional<TurnStart>> startTurn(String conversationId, Optional<String> clientKey);

    /**
     * Stores a whole turn at once – the state, the turn's messages in order and, with a client key, the turn's
     * message ids under it – so that a failure part-way leaves nothing half written: a retried request then makes
     * exactly one turn.
     */
    Future<Void> commitTurn(ConversationState state, List<Message> messages, Optional<String> clientKey);

    /**
     * As {@link #commitTurn(ConversationState, List, Optional)}, and closes the turn in the same step where this
     * store can: its events published and its hold released (and marked so). Completes with true when it did;
     * with false the caller publishes the events itself, and the turn order releases the hold.
     */
    default Future<Boolean> commitTurn(ConversationState state, List<Message> messages, Optional<String> clientKey,
                                       TurnClose close) {
        return commitTurn(state, messages, clientKey).map(false);
    }

    /** Erases everything about a conversation (GDPR), including the lookup keys given. */
    Future<Void> erase(String conversationId, List<String> lookupKeys);

    /** Reads a global lookup key (e.g. an SMS number pair → conversation id). */
    Future<Optional<String>> lookup(String key);

    Future<Void> putLookup(String key, String value, Duration ttl);

    /** True the first time a key is claimed within {@code ttl}; false for every repeat (webhook deduplication). */
    Future<Boolean> claimOnce(String key, Duration ttl);

    /** Succeeds when the store answers; for readiness. */
    Future<Void> ping();
}
