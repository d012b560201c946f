package no.nora.bot.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import no.nora.bot.live.LocalConversationEvents;
import no.nora.intents.IntentClassifier;
import no.nora.intents.training.ModelTrainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A supervisor activates only a candidate that does not make things worse; going back – to the model before, or to
 * the shipped one – is always possible, and each activation says who and when.
 */
class ActivationTest {
    private static IntentClassifier shipped;
    private static byte[] shippedIntentModel;
    private Vertx vertx;
    private ModelStore models;
    private Learning learning;

    @BeforeEach
    void start() throws Exception {
        if (shipped == null) {
            shipped = IntentClassifier.load();
            try (InputStream in = IntentClassifier.class.getResourceAsStream(ModelTrainer.MODEL_RESOURCE_DIR
                    + ModelTrainer.INTENT_MODEL)) {
                shippedIntentModel = in.readAllBytes();
            }
        }
        vertx = Vertx.vertx();
        models = new InMemoryModelStore();
        learning = new Learning(vertx, new InMemoryReviewStore(), models, new ActiveModel(shipped),
                new LocalConversationEvents(vertx), Clock.systemUTC(), new SimpleMeterRegistry(),
                Learning.Settings.defaults());
        await(learning.start());
    }

    @AfterEach
    void stop() throws Exception {
        learning.stop();
        await(vertx.close());
    }

    @Test
    void aCandidateThatMakesThingsWorseIsRefusedAndTheModelInUseStays() throws Exception {
        await(models.save(candidate("mWorse", false), Buffer.buffer(shippedIntentModel)));

        assertThatThrownBy(() -> await(learning.activate("mWorse", "Siri")))
                .hasCauseInstanceOf(LearningRefused.class).hasMessageContaining("worse");
        assertThat(learning.model().version()).isEqualTo(ActiveModel.SHIPPED);
        assertThat(await(models.active())).isEqualTo(Activation.SHIPPED);
    }

    @Test
    void aGoodCandidateIsActivatedWithWhoAndWhenAndTheModelBeforeIsOneStepBack() throws Exception {
        await(models.save(candidate("mFirst", true), Buffer.buffer(shippedIntentModel)));
        await(models.save(candidate("mSecond", true), Buffer.buffer(shippedIntentModel)));

        await(learning.activate("mFirst", "Siri"));
        var second = await(learning.activate("mSecond", "Per"));

        assertThat(learning.model().version()).isEqualTo("mSecond");
        assertThat(second.by()).contains("Per");
        assertThat(second.at()).isPresent();
        assertThat(second.previous()).contains("mFirst");
        await(learning.activate("mFirst", "Per"));
        assertThat(learning.model().version()).isEqualTo("mFirst");
        await(learning.activate(ActiveModel.SHIPPED, "Per"));
        assertThat(learning.model().version()).isEqualTo(ActiveModel.SHIPPED);
        assertThat(learning.model().classifier()).isSameAs(shipped);
    }

    @Test
    void theModelBeforeCanBeGoneBackToEvenIfItsReportWasLaterJudgedWorse() throws Exception {
        await(models.save(candidate("mOld", true), Buffer.buffer(shippedIntentModel)));
        await(learning.activate("mOld", "Siri"));
        await(models.save(candidate("mNew", true), Buffer.buffer(shippedIntentModel)));
        await(learning.activate("mNew", "Siri"));
        // The old one's report, as the store holds it, says worse (a later corpus): going back is still one step.
        await(models.save(candidate("mOld", false), Buffer.buffer(shippedIntentModel)));

        await(learning.activate("mOld", "Siri"));

        assertThat(learning.model().version()).isEqualTo("mOld");
    }

    @Test
    void anUnknownModelIsNotFound() {
        assertThatThrownBy(() -> await(learning.activate("mNothing", "Siri")))
                .hasCauseInstanceOf(LearningRefused.class);
    }

    private static TrainedModel candidate(String version, boolean activatable) {
        return new TrainedModel(version, Instant.parse("2026-12-05T10:00:00Z"), "Siri", List.of(),
                new JsonObject().put("activatable", activatable));
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
