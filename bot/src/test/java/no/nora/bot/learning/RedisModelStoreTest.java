package no.nora.bot.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import no.nora.bot.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Models and the retraining job in Redis, as every instance sees them (and in memory, kept alike). */
class RedisModelStoreTest {
    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");
    private final Vertx vertx = Vertx.vertx();
    private final TestRedis server = TestRedis.dedicated();
    private final Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(server.connectionString()));
    private final ModelStore store = new RedisModelStore(redis);

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
        server.stop();
    }

    @Test
    void oneJobRunsAtATimeAndAJobWhoseInstanceDiedShowsAsFailedAndFreesTheWay() throws Exception {
        var first = TrainingJob.started("jOne", T, "Siri");
        assertThat(await(store.startJob(first))).isTrue();
        assertThat(await(store.startJob(TrainingJob.started("jTwo", T, "Per")))).as("one at a time").isFalse();
        await(store.saveJob(first.at("cross-validation", 3, 12)));
        assertThat(await(store.job()).orElseThrow().done()).isEqualTo(3);

        // The instance running it died: its claim lapses (here at once).
        await(redis.send(Request.cmd(Command.DEL).arg(RedisModelStore.JOB_CLAIM)));

        var shown = await(store.job()).orElseThrow();
        assertThat(shown.state()).isEqualTo(TrainingJob.State.FAILED);
        assertThat(shown.error().orElseThrow()).contains("start it again");
        assertThat(await(store.startJob(TrainingJob.started("jThree", T, "Per")))).isTrue();
    }

    @Test
    void theModelComesBackByteForByteAndOnlyTheNewestAreKeptBesideTheActiveOne() throws Exception {
        keepsTheNewestBesideTheActiveOne(store);
    }

    @Test
    void inMemoryTheSameAreKept() throws Exception {
        keepsTheNewestBesideTheActiveOne(new InMemoryModelStore());
    }

    private static void keepsTheNewestBesideTheActiveOne(ModelStore store) throws Exception {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        await(store.save(model("mFirst", 0), Buffer.buffer(binary)));
        await(store.activate(new Activation("mFirst", java.util.Optional.of(T), java.util.Optional.of("Siri"),
                java.util.Optional.empty())));
        for (int i = 1; i <= ModelStore.KEPT + 2; i++) {
            await(store.save(model("m" + no.nora.bot.conversation.DigitFree.count(i), i), Buffer.buffer(binary)));
        }

        assertThat(await(store.intentModel("mFirst")).orElseThrow().getBytes()).isEqualTo(binary);
        var kept = await(store.models());
        assertThat(kept).hasSize(ModelStore.KEPT + 1);
        assertThat(kept).extracting(TrainedModel::version).contains("mFirst");
        assertThat(kept.get(0).version()).as("newest first").isEqualTo("m" + no.nora.bot.conversation.DigitFree.count(ModelStore.KEPT + 2));
    }

    private static TrainedModel model(String version, int minutes) {
        return new TrainedModel(version, T.plusSeconds(60L * minutes), "Siri", List.of(),
                new JsonObject().put("activatable", true));
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
