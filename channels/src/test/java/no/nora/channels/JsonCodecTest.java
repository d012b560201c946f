package no.nora.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The gateway's classpath holds jackson-databind (the Twilio SDK's); Vert.x must still use the streaming codec
 * ({@code StreamingJsonFactory}), and what the gateway writes must read back the same through it.
 */
class JsonCodecTest {
    @Test
    void vertxEncodesThroughJacksonCoreThoughDatabindIsOnTheClasspath() throws Exception {
        Class.forName("com.fasterxml.jackson.databind.ObjectMapper");
        assertThat(Json.CODEC).isInstanceOf(JacksonCodec.class);
    }

    @Test
    void valuesTheGatewayPutsInJsonComeBackTheSame() {
        var json = new JsonObject().put("text", "Hei, «æøå» \"sitat\"\n").put("amount", 1234.5).put("count", 3L)
                .put("at", Instant.parse("2026-11-22T10:00:00Z")).put("none", (Object) null)
                .put("nested", new JsonObject().put("list", new JsonArray().add(1).add("to")));
        var back = new JsonObject(json.encode());
        assertThat(back.getString("text")).isEqualTo("Hei, «æøå» \"sitat\"\n");
        assertThat(back.getDouble("amount")).isEqualTo(1234.5);
        assertThat(back.getLong("count")).isEqualTo(3L);
        assertThat(back.getInstant("at")).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(back.containsKey("none")).isTrue();
        assertThat(back.getJsonObject("nested").getJsonArray("list").getString(1)).isEqualTo("to");
    }

    @Test
    void nestingBeyondJacksonsLimitIsRefusedNotOverflowed() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> Json.decodeValue(deep)).isInstanceOf(DecodeException.class);
    }
}
