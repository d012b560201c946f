package no.nora.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import no.nora.channels.config.ConfigException;
import no.nora.channels.config.GatewayConfig;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GatewayTest {
    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.withRedis(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void readyReportsEachDependencyAsJson() throws Exception {
        var response = send(HttpMethod.GET, "/health/ready", null);

        assertThat(response.statusCode()).isEqualTo(200);
        var body = response.bodyAsJsonObject();
        assertThat(body.getString("status")).isEqualTo("UP");
        assertThat(body.getJsonArray("checks").stream().map(c -> ((JsonObject) c).getString("id")))
                .contains("store");
    }

    @Test
    void liveAnswers() throws Exception {
        assertThat(send(HttpMethod.GET, "/health/live", null).statusCode()).isEqualTo(200);
    }

    @Test
    void metricsArePrometheusText() throws Exception {
        send(HttpMethod.GET, "/health/live", null);
        var response = send(HttpMethod.GET, "/metrics", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsString()).contains("# TYPE").contains("vertx_http_server_requests");
    }

    @Test
    void everyMetricOfOursSaysWhatItCounts() throws Exception {
        // A message with a number in it, so the counters that appear on first use are there too.
        var started = send(HttpMethod.POST, "/api/chat/sessions", new JsonObject().toBuffer()).bodyAsJsonObject();
        var said = gateway.client().post("/api/chat/sessions/" + started.getString("conversationId") + "/messages")
                .putHeader("Authorization", "Bearer " + started.getString("token"))
                .sendJsonObject(new JsonObject().put("text", "hei, fnr 17912099997").put("clientMessageId", "m-1"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(said.statusCode()).isEqualTo(200);

        var help = send(HttpMethod.GET, "/metrics", null).bodyAsString().lines()
                .filter(line -> line.startsWith("# HELP nora_")).toList();
        assertThat(help).as("HELP lines of our metrics")
                .anyMatch(line -> line.startsWith("# HELP nora_intents_total "))
                .anyMatch(line -> line.startsWith("# HELP nora_redactions_total "))
                .anyMatch(line -> line.startsWith("# HELP nora_sms_inbound_unanswered "));
        // "# HELP name description": Prometheus leaves the description empty when the meter has none.
        assertThat(help).allSatisfy(line -> assertThat(line.substring(line.indexOf(' ', "# HELP ".length()) + 1))
                .as(line).isNotBlank());
    }

    @Test
    void unknownRouteIsA404WithTheJsonErrorBody() throws Exception {
        var response = send(HttpMethod.GET, "/api/nothing-here", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.getHeader("Content-Type")).startsWith("application/json");
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
        assertThat(response.bodyAsJsonObject().getString("message")).isNotBlank();
    }

    @Test
    void wrongMethodIsA405WithTheJsonErrorBody() throws Exception {
        var response = send(HttpMethod.DELETE, "/health/live", null);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("method_not_allowed");
    }

    @Test
    void anOversizedBodyIsA413WithTheJsonErrorBody() throws Exception {
        var response = send(HttpMethod.POST, "/api/nlu/parse", Buffer.buffer("{\"text\":\"" + "a".repeat(200_000) + "\"}"));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("payload_too_large");
    }

    @Test
    void aPortInUseFailsFastWithAClearMessage() throws Exception {
        try (var taken = new ServerSocket(0)) {
            var config = GatewayConfig.from(Map.of("PORT", Integer.toString(taken.getLocalPort())));
            assertThatThrownBy(() -> Gateway.start(config).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ConfigException.class)
                    .hasMessageContaining("PORT " + taken.getLocalPort());
        }
    }

    @Test
    void anUnreachableRedisFailsFastNamingIt() throws Exception {
        int port;
        try (var free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        var config = GatewayConfig.from(Map.of("PORT", "0", "REDIS_URL", "redis://127.0.0.1:" + port));
        assertThatThrownBy(() -> Gateway.start(config).get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ConfigException.class)
                .hasMessageContaining("Redis at redis://127.0.0.1:" + port + " is not reachable");
    }

    private static HttpResponse<Buffer> send(HttpMethod method, String path, Buffer body) throws Exception {
        var request = gateway.client().request(method, path).putHeader("Content-Type", "application/json");
        var future = body == null ? request.send() : request.sendBuffer(body);
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
