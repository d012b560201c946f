package no.nora.channels.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads request bodies strictly: JSON objects only, with the fields a handler needs, or a clear 400/415. */
public final class JsonBodies {
    private JsonBodies() {
    }

    /** The request body as a JSON object; an absent body is an empty object (required fields then give a 400). */
    public static JsonObject object(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "Send the request body as application/json.");
        }
        if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() <= 0) {
            return new JsonObject();
        }
        Object value;
        try {
            value = Json.decodeValue(ctx.body().buffer());
        } catch (DecodeException e) {
            throw new ApiException(400, "malformed_json", "The request body is not valid JSON.");
        }
        // Vert.x 5 decodes an object as a Map.
        if (value instanceof java.util.Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            var fields = (java.util.Map<String, Object>) map;
            return new JsonObject(fields);
        }
        if (value instanceof JsonObject json) {
            return json;
        }
        throw new ApiException(400, "malformed_json", "The request body must be a JSON object.");
    }

    /** A required text field; a missing field or another type is a 400 naming the field. */
    public static String requiredText(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (!(value instanceof String text)) {
            throw ApiException.badRequest("The field '" + field + "' is required and must be text.");
        }
        return text;
    }

    public static String optionalText(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw ApiException.badRequest("The field '" + field + "' must be text.");
        }
        return text;
    }
}
