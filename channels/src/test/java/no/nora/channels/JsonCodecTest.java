package no.nora.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.Json;
import io.vertx.core.json.jackson.JacksonCodec;
import org.junit.jupiter.api.Test;

/** The gateway's classpath holds jackson-databind (the Twilio SDK's); Vert.x must still use the streaming codec. */
class JsonCodecTest {
    @Test
    void vertxEncodesThroughJacksonCoreThoughDatabindIsOnTheClasspath() throws Exception {
        Class.forName("com.fasterxml.jackson.databind.ObjectMapper");
        assertThat(Json.CODEC).isInstanceOf(JacksonCodec.class);
    }
}
