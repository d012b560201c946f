package no.nora.bot.learning;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The models of a single gateway in the demo. Thread-safe. */
public final class InMemoryModelStore implements ModelStore {
    private final List<TrainedModel> models = new ArrayList<>(); // newest first
    private final Map<String, Buffer> bytes = new HashMap<>();
    private Activation active = Activation.SHIPPED;
    private TrainingJob job;

    @Override
    public synchronized Future<Void> save(TrainedModel model, Buffer intentModel) {
        models.removeIf(m -> m.version().equals(model.version()));
        models.add(0, model);
        bytes.put(model.version(), intentModel);
        for (String version : ModelStore.beyondKept(models, active)) {
            models.removeIf(m -> m.version().equals(version));
            bytes.remove(version);
        }
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<List<TrainedModel>> models() {
        return Future.succeededFuture(List.copyOf(models));
    }

    @Override
    public synchronized Future<Optional<Buffer>> intentModel(String version) {
        return Future.succeededFuture(Optional.ofNullable(bytes.get(version)));
    }

    @Override
    public synchronized Future<Activation> active() {
        return Future.succeededFuture(active);
    }

    @Override
    public synchronized Future<Void> activate(Activation activation) {
        active = activation;
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Optional<TrainingJob>> job() {
        return Future.succeededFuture(Optional.ofNullable(job));
    }

    @Override
    public synchronized Future<Boolean> startJob(TrainingJob started) {
        if (job != null && job.state() == TrainingJob.State.RUNNING) {
            return Future.succeededFuture(false);
        }
        job = started;
        return Future.succeededFuture(true);
    }

    @Override
    public synchronized Future<Void> saveJob(TrainingJob value) {
        job = value;
        return Future.succeededFuture();
    }
}
