package no.nora.channels.webchat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import no.nora.intents.Language;

/**
 * The widget's files – {@code widget.js}, {@code widget.css} and its texts in every language
 * ({@code /widget-texts.json}, from {@code widget*.properties}) – held in memory with an ETag each. Browsers keep them
 * for a few minutes and then ask whether they changed, so a returning visitor downloads nothing, and a new version
 * reaches everyone within {@link #MAX_AGE_SECONDS} (the embed URL carries no version).
 */
public final class WidgetAssets {
    static final int MAX_AGE_SECONDS = 600;
    static final String CACHE_CONTROL = "public, max-age=" + MAX_AGE_SECONDS;

    record Asset(Buffer body, String contentType, String etag) {
        static Asset of(byte[] bytes, String contentType) {
            return new Asset(Buffer.buffer(bytes), contentType, etagOf(bytes));
        }
    }

    private final Map<String, Asset> byPath;

    private WidgetAssets(Map<String, Asset> byPath) {
        this.byPath = byPath;
    }

    /** Reads the files once, at start: serving them never touches the disk or blocks. */
    public static WidgetAssets load() {
        var assets = new LinkedHashMap<String, Asset>();
        assets.put("/widget.js", Asset.of(resource("/webroot/widget.js"), "text/javascript; charset=utf-8"));
        assets.put("/widget.css", Asset.of(resource("/webroot/widget.css"), "text/css; charset=utf-8"));
        assets.put("/widget-texts.json", Asset.of(texts().encode().getBytes(StandardCharsets.UTF_8),
                "application/json; charset=utf-8"));
        return new WidgetAssets(Map.copyOf(assets));
    }

    public void mount(Router router) {
        byPath.forEach((path, asset) -> router.get(path).handler(ctx -> serve(ctx, asset)));
    }

    private static void serve(RoutingContext ctx, Asset asset) {
        var response = ctx.response().putHeader("Cache-Control", CACHE_CONTROL).putHeader("ETag", asset.etag());
        String known = ctx.request().getHeader("If-None-Match");
        if (known != null && known.contains(asset.etag())) {
            response.setStatusCode(304).end();
        } else {
            response.putHeader("Content-Type", asset.contentType()).end(asset.body());
        }
    }

    /** {@code {"nb": {key: text}, "nn": {…}, "en": {…}}}; a key missing in one language fails the start. */
    static JsonObject texts() {
        var all = new JsonObject();
        TreeSet<String> keys = null;
        for (Language language : Language.values()) {
            var bundle = new Properties();
            String name = "/no/nora/channels/webchat/widget" + (language == Language.NB ? "" : "_" + language.code())
                    + ".properties";
            try (var reader = new InputStreamReader(stream(name), StandardCharsets.UTF_8)) {
                bundle.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            var texts = new JsonObject();
            new TreeSet<>(bundle.stringPropertyNames()).forEach(key -> texts.put(key, bundle.getProperty(key)));
            if (keys != null && !keys.equals(new TreeSet<>(bundle.stringPropertyNames()))) {
                throw new IllegalStateException(name + " does not have the same keys as widget.properties");
            }
            keys = new TreeSet<>(bundle.stringPropertyNames());
            all.put(language.code(), texts);
        }
        return all;
    }

    private static byte[] resource(String name) {
        try (InputStream in = stream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String name) {
        InputStream in = WidgetAssets.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the classpath");
        }
        return in;
    }

    private static String etagOf(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
