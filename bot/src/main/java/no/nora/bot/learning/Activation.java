package no.nora.bot.learning;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Which model every instance answers with, since when and by whose decision, and the one before it (one click back). */
public record Activation(String version, Optional<Instant> at, Optional<String> by, Optional<String> previous) {

    public static final Activation SHIPPED = new Activation(ActiveModel.SHIPPED, Optional.empty(), Optional.empty(),
            Optional.empty());

    public Activation {
        at = at.map(t -> t.truncatedTo(ChronoUnit.SECONDS));
    }

    public JsonObject toJson() {
        return new JsonObject().put("version", version).put("activatedAt", at.map(Instant::toString).orElse(null))
                .put("by", by.orElse(null)).put("previous", previous.orElse(null));
    }

    public static Activation fromJson(JsonObject json) {
        return new Activation(json.getString("version"),
                Optional.ofNullable(json.getString("activatedAt")).map(Instant::parse),
                Optional.ofNullable(json.getString("by")), Optional.ofNullable(json.getString("previous")));
    }
}
