package no.nora.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import no.nora.intents.Language;
import org.junit.jupiter.api.Test;

/** The demo's store stays within its capacity by forgetting the conversations least recently active. */
class InMemoryConversationStoreTest {
    private Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aFullStoreForgetsTheLeastRecentlyActiveConversations() throws Exception {
        var store = new InMemoryConversationStore(Duration.ofDays(30), clock, 10);
        var started = new ArrayList<ConversationState>();
        for (int i = 0; i < 11; i++) {
            started.add(startedNow());
            await(store.save(started.get(i)));
        }
        // The first one is written to again: it is no longer among the least recently active.
        now = now.plusSeconds(60);
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
        now = now.plusSeconds(60);
        return ConversationState.start(Ids.conversationId(), Channel.WEB, Language.NB, Optional.empty(),
                Optional.empty(), Optional.empty(), "token-hash", now);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
