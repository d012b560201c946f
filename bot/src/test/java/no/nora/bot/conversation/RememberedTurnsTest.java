package no.nora.bot.conversation;

import static no.nora.bot.conversation.ConversationStore.REMEMBERED_TURNS_CAP;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import no.nora.bot.testing.TestRedis;
import no.nora.intents.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A retried turn is answered from memory; that memory is bounded however long the conversation runs. */
class RememberedTurnsTest {
    private final Vertx vertx = Vertx.vertx();
    private final Redis redis = Redis.createClient(vertx, TestRedis.shared().connectionString());

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
    }

    private ConversationStore store(String kind) {
        return kind.equals("redis") ? new RedisConversationStore(redis, Duration.ofDays(30))
                : new InMemoryConversationStore(Duration.ofDays(30), Clock.systemUTC());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aLongConversationRemembersItsLatestTurnsNotAllOfThem(String kind) throws Exception {
        var store = store(kind);
        var state = ConversationState.start(Ids.conversationId(), Channel.SMS, Language.NB, Optional.empty(),
                Optional.empty(), Optional.empty(), "tokenhash", Instant.now());
        await(store.save(state));
        int turns = REMEMBERED_TURNS_CAP * 2 + 10;
        for (int i = 0; i < turns; i++) {
            var said = Message.of(Ids.messageId(), Author.DEBTOR, "hei " + i, List.of(), Instant.now());
            await(store.commitTurn(state, List.of(said), Optional.of("client-" + i)));
        }

        var latest = await(store.startTurn(state.id(), Optional.of("client-" + (turns - 1)))).orElseThrow();
        assertThat(latest.earlierTry()).as("the latest turn, retried").isPresent();
        var first = await(store.startTurn(state.id(), Optional.of("client-0"))).orElseThrow();
        assertThat(first.earlierTry()).as("a turn long gone").isEmpty();
        if (kind.equals("redis")) {
            long remembered = await(redis.send(Request.cmd(Command.HLEN)
                    .arg(RedisConversationStore.turnsKey(state.id())))).toLong();
            assertThat(remembered).isBetween(1L, (long) REMEMBERED_TURNS_CAP);
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
