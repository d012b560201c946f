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
import no.nora.bot.caseapi.DemoCaseApi.DemoDebtor;
import no.nora.channels.http.ApiException;
import no.nora.channels.http.JsonBodies;

/**
 * Demo mode only (no My Page key configured): {@code GET /demo/login} lets a visitor pick one of the debtors of the
 * demo case API's fixtures, {@code POST /demo/login} signs a short-lived My Page token for it. Without demo mode
 * these routes do not exist.
 */
final class DemoLogin {
    private static final int TOKEN_MINUTES = 60;
    private static final String DEBTORS_PLACEHOLDER = "<!-- debtors -->";

    private final MyPageTokens tokens;
    private final List<DemoDebtor> debtors;
    /** The sign-in page with a button per debtor, made once: the demo's debtors do not change while it runs. */
    private final String page;

    DemoLogin(MyPageTokens tokens, List<DemoDebtor> debtors) {
        this.tokens = tokens;
        this.debtors = List.copyOf(debtors);
        try (InputStream in = DemoLogin.class.getResourceAsStream("/demo/login.html")) {
            if (in == null) {
                throw new IllegalStateException("demo/login.html is missing from the classpath");
            }
            this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace(DEBTORS_PLACEHOLDER, buttons(this.debtors));
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
        if (debtors.stream().noneMatch(d -> d.id().equals(debtorId))) {
            throw ApiException.badRequest("Pick one of the demo debtors: "
                    + String.join(", ", debtors.stream().map(DemoDebtor::id).toList()) + ".");
        }
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("debtorId", debtorId)
                        .put("token", tokens.issueDemo(debtorId, TOKEN_MINUTES)).encode());
    }

    /** One button per debtor: the name and the creditors of their cases. */
    private static String buttons(List<DemoDebtor> debtors) {
        var html = new StringBuilder();
        for (var d : debtors) {
            String cases = d.creditors().isEmpty() ? "ingen saker"
                    : (d.creditors().size() == 1 ? "1 sak: " : d.creditors().size() + " saker: ")
                    + String.join(", ", d.creditors());
            html.append("    <button type=\"button\" data-debtor=\"").append(escape(d.id())).append("\" data-name=\"")
                    .append(escape(d.name())).append("\">").append(escape(d.name())).append(" – ")
                    .append(escape(cases)).append("</button>\n");
        }
        return html.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
