package no.nora.bot.learning;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Optional;

/**
 * Trained models, which one is active, and the retraining job, shared by every gateway instance: Redis in production
 * ({@link RedisModelStore}), memory in the demo ({@link InMemoryModelStore}).
 */
public interface ModelStore {
    /** Candidates kept, newest first; the active and the previous model are always kept besides. */
    int KEPT = 10;

    /** Stores a candidate and its model; drops the oldest beyond {@link #KEPT} (never the active or previous one). */
    Future<Void> save(TrainedModel model, Buffer intentModel);

    /** The versions {@link #save} drops: those beyond the newest {@link #KEPT}, but never the active or previous one. */
    static List<String> beyondKept(List<TrainedModel> newestFirst, Activation active) {
        return newestFirst.stream().skip(KEPT).map(TrainedModel::version)
                .filter(version -> !version.equals(active.version())
                        && !active.previous().map(version::equals).orElse(false))
                .toList();
    }

    /** The kept candidates, newest first. */
    Future<List<TrainedModel>> models();

    Future<Optional<Buffer>> intentModel(String version);

    /** The active model; {@link Activation#SHIPPED} when none was ever activated. */
    Future<Activation> active();

    Future<Void> activate(Activation activation);

    /**
     * The newest retraining job, running or ended; a job still marked running whose claim lapsed (its instance
     * stopped or died) comes back failed.
     */
    Future<Optional<TrainingJob>> job();

    /**
     * Starts {@code job} unless another one runs (on any instance): false then. A running job's claim lapses when it
     * is not renewed ({@link #saveJob}) for a few minutes, so a job on an instance that died does not block for ever.
     */
    Future<Boolean> startJob(TrainingJob job);

    /** Saves the job's progress or end, and renews its claim while it runs. */
    Future<Void> saveJob(TrainingJob job);
}
