package no.nora.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import no.nora.bot.testing.HandClock;
import no.nora.intents.Language;
import org.junit.jupiter.api.Test;

/** The demo's store keeps conversations as long as Redis would, and stays within its capacity. */
class InMemoryConversationStoreTest {
    private final HandClock clock = new HandClock(Instant.parse("2026-11-22T10:00:00Z"));

    @Test
    void conversationsPastTheirRetentionAreForgotten() throws Exception {
        var store = new InMemoryConversationStore(Duration.ofDays(30), clock);
        var state = startedNow().withLastDebtorMessage("m-1");
        var untouched = startedNow();
        await(store.save(state));
        await(store.save(untouched));
        clock.advance(Duration.ofHours(2));
        store.sweep();
        assertThat(await(store.find(untouched.id()))).as("a chat nobody wrote in: an hour").isEmpty();
        clock.advance(Duration.ofDays(29));
        store.sweep();
        assertThat(store.size()).isEqualTo(1);

        clock.advance(Duration.ofDays(2));
        store.sweep();
        assertThat(store.size()).isZero();
        assertThat(await(store.find(state.id()))).isEmpty();
    }

    @Test
    void aFullStoreForgetsTheLeastRecentlyActiveConversations() throws Exception {
        var store = new InMemoryConversationStore(Duration.ofDays(30), clock, 10);
        var started = new ArrayList<ConversationState>();
        for (int i = 0; i < 11; i++) {
            started.add(startedNow());
            await(store.save(started.get(i)));
        }
        // The first one is written to again: it is no longer among the least recently active.
        clock.advance(Duration.ofMinutes(1));
        await(store.commitTurn(started.get(0), List.of(), Optional.empty()));
        assertThat(store.size()).as("a tenth over capacity is allowed before anything is forgotten").isEqualTo(11);

        var newest = startedNow();
        await(store.save(newest));

        assertThat(store.size()).isEqualTo(10);
        assertThat(await(store.find(started.get(1).id()))).isEmpty();
        assertThat(await(store.find(started.get(2).id()))).isEmpty();
        assertThat(await(store.find(started.get(0).id()))).isPresent();
        for (var kept : started.subList(3, started.size())) {
            assertThat(await(store.find(kept.id()))).isPresent();
        }
        assertThat(await(store.find(newest.id()))).isPresent();
    }

    private ConversationState startedNow() {
        clock.advance(Duration.ofMinutes(1));
        return ConversationState.start(Ids.conversationId(), Channel.WEB, Language.NB, Optional.empty(),
                Optional.empty(), Optional.empty(), "token-hash", clock.instant());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
