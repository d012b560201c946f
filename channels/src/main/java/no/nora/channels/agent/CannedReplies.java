package no.nora.channels.agent;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import no.nora.intents.Language;

/**
 * Prepared texts agents answer with, per language ({@code nb}, {@code nn}, {@code en}), from a JSON file:
 * {@code {"nb": [{"title", "text"}], "nn": [...], "en": [...]}}. Texts may hold {@code {creditor}},
 * {@code {balance}} and {@code {reference}}, which the console fills from the case the agent has chosen. The
 * built-in file is {@code agent/canned-replies.json}; the company's own can replace it.
 */
public final class CannedReplies {
    private static final String BUILT_IN = "agent/canned-replies.json";
    private final JsonObject replies;

    private CannedReplies(JsonObject replies) {
        this.replies = replies;
    }

    public static CannedReplies builtIn() {
        try (InputStream in = CannedReplies.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException(BUILT_IN + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUILT_IN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The company's file; a file that is unreadable or incomplete is refused with a sentence saying why. */
    public static CannedReplies fromFile(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the canned replies file " + file + ": " + e.getMessage(), e);
        }
    }

    static CannedReplies parse(String text, String source) {
        JsonObject json;
        try {
            json = new JsonObject(text);
        } catch (DecodeException e) {
            throw new IllegalArgumentException(source + " is not a JSON object: " + e.getMessage(), e);
        }
        for (Language language : Language.values()) {
            JsonArray list = json.getJsonArray(language.code());
            if (list == null || list.isEmpty()) {
                throw new IllegalArgumentException(source + " has no canned replies for '" + language.code() + "'");
            }
            for (int i = 0; i < list.size(); i++) {
                var reply = list.getJsonObject(i);
                if (reply == null || reply.getString("title", "").isBlank() || reply.getString("text", "").isBlank()) {
                    throw new IllegalArgumentException(source + ": reply " + (i + 1) + " for '" + language.code()
                            + "' needs a title and a text");
                }
            }
        }
        return new CannedReplies(json);
    }

    JsonObject json() {
        return replies.copy();
    }
}
