package no.nora.channels.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Optional;
import no.nora.channels.http.ErrorResponses;
import no.nora.channels.http.ServiceAuth;
import no.nora.intents.IntentClassifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class NluRoutesTest {
    private static final String TOKEN = "s3cret-service-token";
    private static IntentClassifier classifier;

    private HttpServer server;
    private WebClient client;

    @BeforeAll
    static void loadModel() {
        classifier = IntentClassifier.load();
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Future<Void> start(Vertx vertx, Optional<String> token) {
        Router router = Router.router(vertx);
        ErrorResponses.install(router);
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(65536));
        new NluRoutes(new no.nora.bot.learning.ActiveModel(classifier), new ServiceAuth(token, true)).mount(router);
        return vertx.createHttpServer().requestHandler(router).listen(0).map(s -> {
            server = s;
            client = WebClient.create(vertx, new WebClientOptions().setDefaultPort(s.actualPort())
                    .setDefaultHost("localhost"));
            return null;
        });
    }

    private Future<HttpResponse<Buffer>> post(Buffer body) {
        return client.post("/api/nlu/parse").putHeader("Content-Type", "application/json").sendBuffer(body);
    }

    private Future<HttpResponse<Buffer>> post(JsonObject body) {
        return post(body.toBuffer());
    }

    @Test
    void answers_in_the_shape_of_rasa_parse_with_the_redacted_text(Vertx vertx, VertxTestContext test) {
        start(vertx, Optional.empty())
                .compose(v -> post(new JsonObject().put("text", "Jeg har betalt 1500 kr for faktura 12345678 i går")))
                .onComplete(test.succeeding(response -> test.verify(() -> {
                    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
                    JsonObject body = response.bodyAsJsonObject();
                    assertThat(body.getString("text")).doesNotContain("12345678").contains("[•••]");
                    assertThat(body.getJsonObject("intent").getString("name")).isEqualTo("payment_received");
                    assertThat(body.getJsonObject("intent").getDouble("confidence")).isBetween(0.0, 1.0);
                    JsonArray ranking = body.getJsonArray("intent_ranking");
                    assertThat(ranking).hasSize(15);
                    assertThat(ranking.getJsonObject(0).fieldNames()).containsExactlyInAnyOrder("name", "confidence");
                    JsonObject amount = body.getJsonArray("entities").getJsonObject(0);
                    assertThat(amount.getString("entity")).isEqualTo("amount");
                    assertThat(amount.getInteger("value")).isEqualTo(1500);
                    assertThat(body.getString("text").substring(amount.getInteger("start"), amount.getInteger("end")))
                            .isEqualTo("1500 kr");
                    assertThat(body.getString("language")).isEqualTo("nb");
                    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
                    test.completeNow();
                })));
    }

    @Test
    void refuses_bad_input_with_the_json_error_body(Vertx vertx, VertxTestContext test) {
        var checkpoint = test.checkpoint(6);
        start(vertx, Optional.empty()).onComplete(test.succeeding(v -> {
            expect400(test, checkpoint, post(Buffer.buffer("this is not json")));
            expect400(test, checkpoint, post(new JsonObject()));
            expect400(test, checkpoint, post(new JsonObject().put("text", 42)));
            expect400(test, checkpoint, post(new JsonObject().put("text", "   ")));
            expect400(test, checkpoint, post(new JsonObject().put("text", "a".repeat(4_001))));
            expect400(test, checkpoint, post(Buffer.buffer("[\"text\"]")));
        }));
    }

    private static void expect400(VertxTestContext test, io.vertx.junit5.Checkpoint checkpoint,
                                  Future<HttpResponse<Buffer>> response) {
        response.onComplete(test.succeeding(r -> test.verify(() -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.bodyAsJsonObject().fieldNames()).containsExactlyInAnyOrder("error", "message");
            checkpoint.flag();
        })));
    }

    @Test
    void accepts_a_text_of_exactly_the_limit(Vertx vertx, VertxTestContext test) {
        start(vertx, Optional.empty())
                .compose(v -> post(new JsonObject().put("text", "kopi ".repeat(800))))
                .onComplete(test.succeeding(r -> test.verify(() -> {
                    assertThat(r.statusCode()).isEqualTo(200);
                    test.completeNow();
                })));
    }

    @Test
    void requires_the_service_token_when_one_is_configured(Vertx vertx, VertxTestContext test) {
        JsonObject body = new JsonObject().put("text", "kopi");
        start(vertx, Optional.of(TOKEN))
                .compose(v -> post(body))
                .compose(missing -> {
                    test.verify(() -> assertThat(missing.statusCode()).isEqualTo(401));
                    return client.post("/api/nlu/parse").bearerTokenAuthentication("wrong").sendJsonObject(body);
                })
                .compose(wrong -> {
                    test.verify(() -> {
                        assertThat(wrong.statusCode()).isEqualTo(401);
                        assertThat(wrong.bodyAsJsonObject().getString("error")).isEqualTo("unauthorized");
                    });
                    return client.post("/api/nlu/parse").bearerTokenAuthentication(TOKEN).sendJsonObject(body);
                })
                .onComplete(test.succeeding(right -> test.verify(() -> {
                    assertThat(right.statusCode()).isEqualTo(200);
                    assertThat(right.bodyAsJsonObject().getJsonObject("intent").getString("name"))
                            .isEqualTo("invoice_copy");
                    test.completeNow();
                })));
    }
}
