package no.nora.bot.conversation;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: conversations in this process's memory, with the same retention and caps as Redis.
 * Lost on restart, and not shared between instances – for the demo and single-instance tests. It holds at most
 * {@link #DEFAULT_CAPACITY} conversations: beyond, the least recently active are forgotten, so a demo under load
 * slows down no more than a gateway on Redis instead of filling its heap.
 */
public final class InMemoryConversationStore implements ConversationStore {
    /** About 3 KB each with a short transcript: some 300 MB at most. */
    public static final int DEFAULT_CAPACITY = 100_000;
    private static final Logger log = LoggerFactory.getLogger(InMemoryConversationStore.class);

    /** One conversation's stored form, as in Redis: state, transcript, remembered turns. */
    private static final class Entry {
        String state;
        final List<String> messages = new ArrayList<>();
        final Map<String, String> turns = new HashMap<>();
        Instant expiresAt;
        Duration keep;
    }

    private record Lookup(String value, Instant expiresAt) {
    }

    private final Map<String, Entry> conversations = new ConcurrentHashMap<>();
    private final Map<String, Lookup> lookups = new ConcurrentHashMap<>();
    private final Duration retention;
    private final Clock clock;
    private final int capacity;
    private final AtomicBoolean forgetting = new AtomicBoolean();
    private final AtomicBoolean warned = new AtomicBoolean();

    public InMemoryConversationStore(Duration retention, Clock clock) {
        this(retention, clock, DEFAULT_CAPACITY);
    }

    public InMemoryConversationStore(Duration retention, Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.retention = retention;
        this.clock = clock;
        this.capacity = capacity;
    }

    @Override
    public Future<Void> save(ConversationState state) {
        var entry = entryFor(state.id());
        synchronized (entry) {
            entry.state = StoredForm.state(state);
            entry.keep = state.keptFor(retention);
            touch(entry);
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<Optional<ConversationState>> find(String conversationId) {
        return Future.succeededFuture(live(conversationId).flatMap(entry -> {
            synchronized (entry) {
                return Optional.ofNullable(entry.state).map(stored -> StoredForm.state(conversationId, stored));
            }
        }));
    }

    @Override
    public Future<Void> append(String conversationId, Message message) {
        var entry = entryFor(conversationId);
        synchronized (entry) {
            entry.messages.add(StoredForm.message(message));
            if (entry.messages.size() > TRANSCRIPT_CAP) {
                entry.messages.subList(0, entry.messages.size() - TRANSCRIPT_CAP).clear();
            }
            touch(entry);
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> replace(String conversationId, Message message) {
        live(conversationId).ifPresent(entry -> {
            synchronized (entry) {
                for (int i = 0; i < entry.messages.size(); i++) {
                    if (StoredForm.message(entry.messages.get(i)).id().equals(message.id())) {
                        entry.messages.set(i, StoredForm.message(message));
                    }
                }
            }
        });
        return Future.succeededFuture();
    }

    @Override
    public Future<List<Message>> transcript(String conversationId) {
        return Future.succeededFuture(live(conversationId).map(entry -> {
            synchronized (entry) {
                return entry.messages.stream().map(StoredForm::message).toList();
            }
        }).orElse(List.of()));
    }

    @Override
    public Future<Optional<TurnStart>> startTurn(String conversationId, Optional<String> clientKey) {
        return Future.succeededFuture(live(conversationId).flatMap(entry -> {
            synchronized (entry) {
                return Optional.ofNullable(entry.state).map(stored -> new TurnStart(
                        StoredForm.state(conversationId, stored),
                        clientKey.map(entry.turns::get).map(StoredForm::messageIds)));
            }
        }));
    }

    @Override
    public Future<Void> commitTurn(ConversationState state, List<Message> messages, Optional<String> clientKey) {
        var entry = entryFor(state.id());
        synchronized (entry) {
            save(state);
            messages.forEach(m -> append(state.id(), m));
            clientKey.ifPresent(key -> {
                if (entry.turns.size() >= REMEMBERED_TURNS_CAP) {
                    entry.turns.clear();
                }
                entry.turns.put(key, StoredForm.messageIds(messages));
            });
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> erase(String conversationId, List<String> lookupKeys) {
        conversations.remove(conversationId);
        lookupKeys.forEach(lookups::remove);
        return Future.succeededFuture();
    }

    @Override
    public Future<Optional<String>> lookup(String key) {
        var found = lookups.get(key);
        if (found != null && found.expiresAt().isBefore(clock.instant())) {
            lookups.remove(key, found);
            found = null;
        }
        return Future.succeededFuture(Optional.ofNullable(found).map(Lookup::value));
    }

    @Override
    public Future<Void> putLookup(String key, String value, Duration ttl) {
        lookups.put(key, new Lookup(value, clock.instant().plus(ttl)));
        return Future.succeededFuture();
    }

    @Override
    public Future<Boolean> claimOnce(String key, Duration ttl) {
        Instant now = clock.instant();
        var claim = new Lookup("1", now.plus(ttl));
        var previous = lookups.merge(key, claim, (old, fresh) -> old.expiresAt().isBefore(now) ? fresh : old);
        return Future.succeededFuture(previous == claim);
    }

    @Override
    public Future<Void> ping() {
        return Future.succeededFuture();
    }

    /** Drops what is past its retention; the bot calls it periodically, so an idle demo does not grow. */
    public void sweep() {
        Instant now = clock.instant();
        conversations.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().expiresAt != null && e.getValue().expiresAt.isBefore(now);
            }
        });
        lookups.entrySet().removeIf(e -> e.getValue().expiresAt().isBefore(now));
    }

    /** Conversations held, expired or not; for tests. */
    public int size() {
        return conversations.size();
    }

    private Optional<Entry> live(String conversationId) {
        var entry = conversations.get(conversationId);
        if (entry == null) {
            return Optional.empty();
        }
        synchronized (entry) {
            if (entry.expiresAt != null && entry.expiresAt.isBefore(clock.instant())) {
                conversations.remove(conversationId, entry);
                return Optional.empty();
            }
        }
        return Optional.of(entry);
    }

    /** The conversation's entry, made when new; a new one may make room first (see the class comment). */
    private Entry entryFor(String conversationId) {
        var existing = conversations.get(conversationId);
        if (existing != null) {
            return existing;
        }
        var entry = conversations.computeIfAbsent(conversationId, id -> new Entry());
        // A tenth over before forgetting: the sort below then runs once per capacity/10 new conversations.
        if (conversations.size() > capacity + capacity / 10 && forgetting.compareAndSet(false, true)) {
            try {
                forgetLeastActive();
            } finally {
                forgetting.set(false);
            }
        }
        return entry;
    }

    private void forgetLeastActive() {
        if (warned.compareAndSet(false, true)) {
            log.warn("The in-memory store holds {} conversations, its most: the least recently active are forgotten. "
                    + "Set REDIS_URL to keep them all.", capacity);
        }
        var byActivity = new ArrayList<Map.Entry<String, Instant>>(conversations.size());
        conversations.forEach((id, entry) -> {
            synchronized (entry) {
                // Not yet written (just made): the newest of all.
                byActivity.add(Map.entry(id, entry.expiresAt == null ? Instant.MAX : entry.expiresAt));
            }
        });
        byActivity.sort(Map.Entry.comparingByValue());
        for (int i = 0; i < byActivity.size() - capacity; i++) {
            conversations.remove(byActivity.get(i).getKey());
        }
    }

    private void touch(Entry entry) {
        entry.expiresAt = clock.instant().plus(entry.keep == null ? retention : entry.keep);
    }
}
