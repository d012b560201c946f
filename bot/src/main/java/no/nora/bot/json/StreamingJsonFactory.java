package no.nora.bot.json;

import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.core.spi.JsonFactory;
import io.vertx.core.spi.json.JsonCodec;

/**
 * Vert.x's JSON ({@code JsonObject}, {@code JsonArray}, request bodies) through jackson-core's streaming parser and
 * generator alone. Vert.x switches to jackson-databind whenever it is on the classpath (the Twilio SDK brings it), and
 * databind turns every object into a map and serialises it through its generic bean machinery: in the full-path
 * profile, a tenth of the gateway's Java time went to that. Nothing here maps beans to JSON, so nothing needs it.
 * Registered in {@code META-INF/services/io.vertx.core.spi.JsonFactory}.
 */
public final class StreamingJsonFactory implements JsonFactory {
    private static final JsonCodec CODEC = new JacksonCodec();

    @Override
    public int order() {
        return 0;
    }

    @Override
    public JsonCodec codec() {
        return CODEC;
    }
}
