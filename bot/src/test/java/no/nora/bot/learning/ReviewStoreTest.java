package no.nora.bot.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import no.nora.bot.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The review inbox remembers the same way in memory and in Redis. */
class ReviewStoreTest {
    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    abstract static class Contract {
        abstract ReviewStore store();

        @Test
        void anItemIsDecidedOnceAndLeavesTheOpenInbox() throws Exception {
            var store = store();
            await(store.add(item("ra", "conva", "kan eg få papira", 1)));
            await(store.add(item("rb", "convb", "papira mine", 2)));
            assertThat(await(store.open(10))).extracting(ReviewItem::id).containsExactly("rb", "ra");

            var first = await(store.decide(List.of("ra", "rmissing"), i -> label("Siri", i.language())));
            var again = await(store.decide(List.of("ra"), i -> label("Per", i.language())));

            assertThat(first).extracting(ReviewItem::id).containsExactly("ra");
            assertThat(again).as("another supervisor came second").isEmpty();
            assertThat(await(store.open(10))).extracting(ReviewItem::id).containsExactly("rb");
            assertThat(await(store.openCount())).isEqualTo(1);
            var decided = await(store.decided());
            assertThat(decided).hasSize(1);
            assertThat(decided.get(0).decision().orElseThrow().by()).isEqualTo("Siri");
            assertThat(decided.get(0).decision().orElseThrow().intent()).contains("invoice_copy");
            assertThat(decided.get(0).text()).isEqualTo("kan eg få papira");
        }

        @Test
        void theDebtorsErasureTakesTheirItemsOpenAndDecided() throws Exception {
            var store = store();
            await(store.add(item("rc", "convc", "første", 1)));
            await(store.add(item("rd", "convc", "andre", 2)));
            await(store.add(item("re", "convd", "en annen debitor", 3)));
            await(store.decide(List.of("rc"), i -> label("Siri", "nb")));

            await(store.forget("convc"));

            assertThat(await(store.open(10))).extracting(ReviewItem::id).containsExactly("re");
            assertThat(await(store.decided())).isEmpty();
        }

        @Test
        void aLabelTakenBackIsGone() throws Exception {
            var store = store();
            await(store.add(item("rf", "conve", "tekst", 1)));
            await(store.decide(List.of("rf"), i -> label("Siri", "nb")));
            await(store.remove("rf"));
            assertThat(await(store.decided())).isEmpty();
            assertThat(await(store.open(10))).isEmpty();
        }

        @Test
        void theInboxKeepsTheNewestWhenFull() throws Exception {
            var store = store();
            for (int i = 0; i < ReviewStore.OPEN_CAP + 3; i++) {
                await(store.add(item("r" + letters(i), "convf", "melding", i)));
            }
            var open = await(store.open(ReviewStore.OPEN_CAP + 10));
            assertThat(open).hasSize(ReviewStore.OPEN_CAP);
            assertThat(open.get(open.size() - 1).id()).as("the three oldest went").isEqualTo("r" + letters(3));
        }

        @Test
        void aNumberInTheTextIsRemovedBeforeItIsStored() throws Exception {
            var store = store();
            await(store.add(item("rg", "convg", "fnr 17912099997 kopi", 1)));
            await(store.add(item("rh", "convg", "fnr 179 120, kan jeg betale 500?", 2)));
            assertThat(await(store.open(2))).extracting(ReviewItem::text)
                    .as("half a number typed over two messages is not kept either; a small amount is")
                    .containsExactly("fnr [•••], kan jeg betale 500?", "fnr [•••] kopi");
        }
    }

    @Nested
    class InMemory extends Contract {
        private final ReviewStore store = new InMemoryReviewStore();

        @Override
        ReviewStore store() {
            return store;
        }
    }

    @Nested
    class OnRedis extends Contract {
        private final ReviewStore store;

        OnRedis() throws Exception {
            await(redis.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.FLUSHALL)));
            store = new RedisReviewStore(redis, Duration.ofDays(30));
        }

        @Override
        ReviewStore store() {
            return store;
        }
    }

    private static Vertx vertx;
    private static TestRedis server;
    private static Redis redis;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        server = TestRedis.dedicated();
        redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(server.connectionString()));
    }

    @AfterAll
    static void stop() throws Exception {
        await(vertx.close());
        server.stop();
    }

    static ReviewItem item(String id, String conversationId, String text, int secondsAfter) {
        return new ReviewItem(id, conversationId, "sms", text, ReviewReason.NOT_UNDERSTOOD, "out_of_scope", 18, "nn",
                T.plusSeconds(secondsAfter), Optional.empty());
    }

    static ReviewItem.Decision label(String by, String language) {
        return new ReviewItem.Decision(ReviewItem.Decision.Kind.LABEL, Optional.of("invoice_copy"), language,
                Optional.empty(), by, T.plusSeconds(3600));
    }

    /** Ids are letters: a number in base 26. */
    static String letters(int n) {
        return no.nora.bot.conversation.DigitFree.count(n);
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
