package no.nora.bot.accepted;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import no.nora.bot.conversation.ConversationStore;

/**
 * The embedded default: deduplication only. Nothing outlives this process anyway, and no other instance could take
 * an entry over, so there is nothing to keep.
 */
public final class InMemoryAcceptedMessages implements AcceptedMessages {
    private final ConversationStore store;
    private final String queue;
    private final Duration dedupeFor;

    public InMemoryAcceptedMessages(ConversationStore store, String queue, Duration dedupeFor) {
        this.store = store;
        this.queue = queue;
        this.dedupeFor = dedupeFor;
    }

    @Override
    public Future<Boolean> keep(String key, String entry) {
        return store.claimOnce(queue + ":" + key, dedupeFor);
    }

    @Override
    public Future<Void> done(Accepted accepted) {
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> renew(Collection<Accepted> accepted) {
        return Future.succeededFuture();
    }

    @Override
    public Future<List<Accepted>> takeOverdue(int max) {
        return Future.succeededFuture(List.of());
    }
}
