package no.nora.bot.learning;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** A retraining: where it is ({@code done} of {@code total} steps), and how it ended. */
public record TrainingJob(String id, State state, String phase, int done, int total, Instant startedAt, String by,
                          Optional<String> candidate, Optional<String> error) {

    public enum State { RUNNING, DONE, FAILED }

    public TrainingJob {
        startedAt = startedAt.truncatedTo(ChronoUnit.SECONDS);
    }

    public static TrainingJob started(String id, Instant at, String by) {
        return new TrainingJob(id, State.RUNNING, "starting", 0, 1, at, by, Optional.empty(), Optional.empty());
    }

    public TrainingJob at(String newPhase, int newDone, int newTotal) {
        return new TrainingJob(id, state, newPhase, newDone, newTotal, startedAt, by, candidate, error);
    }

    public TrainingJob succeeded(String version) {
        return new TrainingJob(id, State.DONE, "done", total, total, startedAt, by, Optional.of(version),
                Optional.empty());
    }

    public TrainingJob failed(String why) {
        return new TrainingJob(id, State.FAILED, phase, done, total, startedAt, by, Optional.empty(), Optional.of(why));
    }

    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("state", state.name().toLowerCase(java.util.Locale.ROOT))
                .put("phase", phase).put("done", done).put("total", total).put("startedAt", startedAt.toString())
                .put("by", by).put("candidate", candidate.orElse(null)).put("error", error.orElse(null));
    }

    public static TrainingJob fromJson(JsonObject json) {
        return new TrainingJob(json.getString("id"),
                State.valueOf(json.getString("state").toUpperCase(java.util.Locale.ROOT)), json.getString("phase"),
                json.getInteger("done"), json.getInteger("total"), Instant.parse(json.getString("startedAt")),
                json.getString("by"), Optional.ofNullable(json.getString("candidate")),
                Optional.ofNullable(json.getString("error")));
    }
}
