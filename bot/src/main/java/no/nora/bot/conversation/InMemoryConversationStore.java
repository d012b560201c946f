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

/**
 * The embedded default: conversations in this process's memory, with the same retention and caps as Redis.
 * Lost on restart, and not shared between instances – for the demo and single-instance tests.
 */
public final class InMemoryConversationStore implements ConversationStore {

    /** One conversation's stored form, as in Redis: state, transcript, remembered turns. */
    private static final class Entry {
        String state;
        final List<String> messages = new ArrayList<>();
        final Map<String, String> turns = new HashMap<>();
        Instant expiresAt;
    }

    private record Lookup(String value, Instant expiresAt) {
    }

    private final Map<String, Entry> conversations = new ConcurrentHashMap<>();
    private final Map<String, Lookup> lookups = new ConcurrentHashMap<>();
    private final Duration retention;
    private final Clock clock;

    public InMemoryConversationStore(Duration retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public Future<Void> save(ConversationState state) {
        var entry = conversations.computeIfAbsent(state.id(), id -> new Entry());
        synchronized (entry) {
            entry.state = StoredForm.state(state);
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
        var entry = conversations.computeIfAbsent(conversationId, id -> new Entry());
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
        var entry = conversations.computeIfAbsent(state.id(), id -> new Entry());
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

    private void touch(Entry entry) {
        entry.expiresAt = clock.instant().plus(retention);
    }
}
