package no.nora.channels.webchat;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import no.nora.channels.http.ApiException;
import no.nora.channels.http.JsonBodies;

/**
 * Demo mode only (no My Page key configured): {@code GET /demo/login} lets a visitor pick one of the demo debtors,
 * {@code POST /demo/login} signs a short-lived My Page token for it. Without demo mode these routes do not exist.
 */
final class DemoLogin {
    static final List<String> DEBTORS = List.of("d-1001", "d-1002", "d-1003");
    private static final int TOKEN_MINUTES = 60;

    private final MyPageTokens tokens;
    private final String page;

    DemoLogin(MyPageTokens tokens) {
        this.tokens = tokens;
        try (InputStream in = DemoLogin.class.getResourceAsStream("/demo/login.html")) {
            if (in == null) {
                throw new IllegalStateException("demo/login.html is missing from the classpath");
            }
            this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void mount(Router router) {
        router.get("/demo/login").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(page));
        router.post("/demo/login").handler(BodyHandler.create(false).setBodyLimit(1024)).handler(this::signIn);
    }

    private void signIn(RoutingContext ctx) {
        String debtorId = JsonBodies.requiredText(JsonBodies.object(ctx), "debtorId");
        if (!DEBTORS.contains(debtorId)) {
            throw ApiException.badRequest("Pick one of the demo debtors: " + String.join(", ", DEBTORS) + ".");
        }
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("debtorId", debtorId)
                        .put("token", tokens.issueDemo(debtorId, TOKEN_MINUTES)).encode());
    }
}
