package no.nora.bot.learning;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A candidate model a retraining made: when, by whom, from which labelled examples (their review item ids: an
 * example taken back or erased later is simply not found), and its report (before and after, and whether it may be
 * activated). The model itself (bytes) is stored beside it.
 */
public record TrainedModel(String version, Instant trainedAt, String by, List<String> exampleIds, JsonObject report) {

    public TrainedModel {
        trainedAt = trainedAt.truncatedTo(ChronoUnit.SECONDS);
        exampleIds = List.copyOf(exampleIds);
    }

    public boolean activatable() {
        return report.getBoolean("activatable", false);
    }

    public JsonObject toJson() {
        return new JsonObject().put("version", version).put("trainedAt", trainedAt.toString()).put("by", by)
                .put("exampleIds", new JsonArray(exampleIds)).put("report", report);
    }

    public static TrainedModel fromJson(JsonObject json) {
        return new TrainedModel(json.getString("version"), Instant.parse(json.getString("trainedAt")),
                json.getString("by"), json.getJsonArray("exampleIds").stream().map(Object::toString).toList(),
                json.getJsonObject("report"));
    }
}
