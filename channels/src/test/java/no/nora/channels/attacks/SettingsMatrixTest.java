package no.nora.channels.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import no.nora.bot.caseapi.DemoCaseApi;
import no.nora.bot.testing.TestRedis;
import no.nora.channels.config.ConfigException;
import no.nora.channels.config.GatewayConfig;
import no.nora.channels.sms.FakeTwilio;
import no.nora.channels.testing.RealSettings;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The matrix of settings: no combination leaves a demo door (demo sign-in for debtors and agents, the demo phone) or
 * an operator endpoint without a token open beside a real identity provider, Twilio account or case API; and
 * production starts only with every real setting. Found by an attacker: with REDIS_URL, MYPAGE_JWT_SECRET and
 * TWILIO_* but no AGENT_JWT_*, {@code /demo/agent-login} handed out supervisor tokens; with SERVICE_TOKEN unset
 * beside Twilio, {@code /api/sms/reminders} bound any phone to any case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SettingsMatrixTest {
    private static final String PUBLIC_URL = "https://nora.example.no";
    /** The four real parts, each as the settings that switch it on. */
    private static final Map<String, Map<String, String>> REAL_PARTS = Map.of(
            "my page", RealSettings.myPage(),
            "agents", RealSettings.agents(),
            "twilio", Map.of("TWILIO_ACCOUNT_SID", RealSettings.TWILIO_ACCOUNT_SID, "TWILIO_AUTH_TOKEN", "matrix-token",
                    "TWILIO_FROM", RealSettings.TWILIO_FROM, "TWILIO_API_BASE", "http://127.0.0.1:9"),
            "case api", Map.of("CASE_API_URL", "http://127.0.0.1:9/api"));

    private Vertx vertx;
    private WebClient http;

    @BeforeAll
    void start() {
        vertx = Vertx.vertx();
        http = WebClient.create(vertx);
    }

    @AfterAll
    void stop() throws Exception {
        http.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static Stream<List<String>> everyCombinationWithSomethingReal() {
        var names = List.copyOf(new java.util.TreeSet<>(REAL_PARTS.keySet()));
        var combinations = new ArrayList<List<String>>();
        for (int mask = 1; mask < 1 << names.size(); mask++) {
            var parts = new ArrayList<String>();
            for (int i = 0; i < names.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    parts.add(names.get(i));
                }
            }
            combinations.add(parts);
        }
        return combinations.stream();
    }

    @ParameterizedTest(name = "demo mode with {0}: every demo door shut, operator endpoints closed")
    @MethodSource("everyCombinationWithSomethingReal")
    void anythingRealShutsEveryDemoDoor(List<String> parts) throws Exception {
        var env = new HashMap<String, String>();
        parts.forEach(part -> env.putAll(REAL_PARTS.get(part)));
        try (var gateway = RunningGateway.inMemory(env)) {
            assertThat(gateway.gateway().config().demoDoorsOpen()).isFalse();
            for (var door : demoDoors()) {
                assertThat(send(gateway, door).statusCode()).as("%s with %s", door, parts).isEqualTo(404);
            }
            for (var endpoint : operatorEndpoints()) {
                assertThat(send(gateway, endpoint).statusCode()).as("%s with %s", endpoint, parts).isEqualTo(401);
            }
        }
    }

    @Test
    void theDemoOnItsEmbeddedDefaultsKeepsItsDoorsOpen() throws Exception {
        try (var gateway = RunningGateway.inMemory(Map.of())) {
            assertThat(send(gateway, new Probe(HttpMethod.POST, "/demo/agent-login", new JsonObject().put("name", "Siri")))
                    .statusCode()).isEqualTo(200);
            assertThat(send(gateway, new Probe(HttpMethod.POST, "/demo/login", new JsonObject().put("debtorId", "d-1001")))
                    .statusCode()).isEqualTo(200);
            assertThat(send(gateway, new Probe(HttpMethod.GET, "/demo/sms/outbox", null)).statusCode()).isEqualTo(200);
            assertThat(send(gateway, new Probe(HttpMethod.GET, "/metrics", null)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void operatorEndpointsBesideSomethingRealOpenOnlyToTheServiceToken() throws Exception {
        var env = new HashMap<>(RealSettings.twilio("matrix-token"));
        env.put("TWILIO_API_BASE", "http://127.0.0.1:9");
        try (var gateway = RunningGateway.inMemory(env)) {
            var nlu = await(gateway.client().post("/api/nlu/parse").putHeader("Authorization", "Bearer " + RealSettings.SERVICE_TOKEN)
                    .sendJsonObject(new JsonObject().put("text", "hei")));
            assertThat(nlu.statusCode()).isEqualTo(200);
            var wrong = await(gateway.client().post("/api/nlu/parse").putHeader("Authorization", "Bearer not-the-token")
                    .sendJsonObject(new JsonObject().put("text", "hei")));
            assertThat(wrong.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void productionStartsOnlyWithEveryRealSettingAndNamesWhatIsMissing() {
        var complete = productionSettings("redis://127.0.0.1:6379", "http://127.0.0.1:9/api", 0);
        assertThat(GatewayConfig.from(complete).demoDoorsOpen()).isFalse();
        for (var required : List.of("MYPAGE_JWT_SECRET", "MYPAGE_JWT_ISSUER", "MYPAGE_JWT_AUDIENCE", "AGENT_JWT_SECRET",
                "AGENT_JWT_ISSUER", "AGENT_JWT_AUDIENCE", "SERVICE_TOKEN", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN",
                "TWILIO_FROM", "CASE_API_URL", "CASE_API_TOKEN", "REDIS_URL", "PUBLIC_URL")) {
            var without = new HashMap<>(complete);
            without.remove(required);
            assertThatThrownBy(() -> GatewayConfig.from(without)).as("without %s", required)
                    .isInstanceOf(ConfigException.class).hasMessageContaining(required);
        }
    }

    @Test
    void productionRefusesWhatOnlyTheDemoMayHave() {
        var complete = productionSettings("redis://127.0.0.1:6379", "http://127.0.0.1:9/api", 0);
        assertRefused(complete, "PUBLIC_URL", "http://nora.example.no", "https");
        assertRefused(complete, "CASE_API_URL", "http://cases.example.no/api", "https");
        assertRefused(complete, "SERVICE_TOKEN", "short", "SERVICE_TOKEN");
        assertRefused(complete, "TWILIO_ACCOUNT_SID", "ACnotasid", "TWILIO_ACCOUNT_SID");
        assertRefused(complete, "CASE_API_FIXTURES", "/etc/hostname", "CASE_API_FIXTURES");
        assertRefused(complete, "NORA_MODE", "prod", "NORA_MODE");
    }

    @Test
    void oneKeyForBothAudiencesNeedsTwoDistinctAudiences() {
        String shared = "one-key-for-everything-0123456789abcdef";
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("MYPAGE_JWT_SECRET", shared, "AGENT_JWT_SECRET", shared)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AUDIENCE");
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("MYPAGE_JWT_SECRET", shared, "AGENT_JWT_SECRET", shared,
                "MYPAGE_JWT_AUDIENCE", "nora", "AGENT_JWT_AUDIENCE", "nora")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must differ");
        assertThat(GatewayConfig.from(Map.of("MYPAGE_JWT_SECRET", shared, "AGENT_JWT_SECRET", shared,
                "MYPAGE_JWT_AUDIENCE", "nora-chat", "AGENT_JWT_AUDIENCE", "nora-agents")).demoDoorsOpen()).isFalse();
    }

    @Test
    void configErrorsAndTheStartupLogNeverShowPasswords() {
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("CASE_API_URL", "ftp://user:hunter2@cases.example.no")))
                .isInstanceOf(ConfigException.class).message().doesNotContain("hunter2");
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("CASE_API_URL", "https://user:hunter2@cases example")))
                .isInstanceOf(ConfigException.class).message().doesNotContain("hunter2");
        var config = GatewayConfig.from(Map.of("CASE_API_URL", "https://svc:hunter2@cases.example.no/api?key=s3cret",
                "TWILIO_API_BASE", "https://u:hunter3@api.twilio.test"));
        assertThat(config.describe().toString()).doesNotContain("hunter2").doesNotContain("hunter3").doesNotContain("s3cret");
    }

    @Test
    void productionRunsWithNoDemoDoorAndManagementApart() throws Exception {
        var redis = TestRedis.dedicated();
        var twilio = new FakeTwilio();
        var caseApi = await(DemoCaseApi.start(vertx, 0, Optional.empty(), java.time.Clock.systemUTC()));
        var env = productionSettings(redis.connectionString(), caseApi.baseUrl().toString(), 0);
        env.put("TWILIO_API_BASE", twilio.baseUrl());
        try (var gateway = RunningGateway.start(env)) {
            for (var door : demoDoors()) {
                assertThat(send(gateway, door).statusCode()).as("%s", door).isEqualTo(404);
            }
            for (var endpoint : operatorEndpoints().subList(0, 2)) {
                assertThat(send(gateway, endpoint).statusCode()).as("%s", endpoint).isEqualTo(401);
            }
            assertThat(send(gateway, new Probe(HttpMethod.GET, "/metrics", null)).statusCode())
                    .as("metrics only on the management port").isEqualTo(404);
            var ready = await(gateway.client().get("/health/ready").send());
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.bodyAsJsonObject().containsKey("checks")).as("reasons only on the management port").isFalse();

            int management = gateway.gateway().managementPort().orElseThrow();
            var metrics = await(http.get(management, "localhost", "/metrics").send());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.bodyAsString()).contains("vertx_http_server");
            var detailed = await(http.get(management, "localhost", "/health/ready").send());
            assertThat(detailed.bodyAsJsonObject().getJsonArray("checks")).hasSize(2);

            var chat = await(gateway.client().post("/api/chat/sessions")
                    .putHeader("Authorization", "Bearer " + RealSettings.myPageToken("d-1001"))
                    .sendJsonObject(new JsonObject()));
            assertThat(chat.statusCode()).as("a debtor signed in by My Page").isEqualTo(201);
        } finally {
            await(caseApi.stop());
            twilio.close();
            redis.stop();
        }
    }

    // ---- helpers

    record Probe(HttpMethod method, String path, JsonObject body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static List<Probe> demoDoors() {
        return List.of(
                new Probe(HttpMethod.POST, "/demo/agent-login", new JsonObject().put("name", "x").put("role", "supervisor")),
                new Probe(HttpMethod.POST, "/demo/login", new JsonObject().put("debtorId", "d-1001")),
                new Probe(HttpMethod.GET, "/demo/login", null),
                new Probe(HttpMethod.GET, "/demo/sms/outbox", null),
                new Probe(HttpMethod.POST, "/demo/sms/reply", new JsonObject().put("from", "+4791234567").put("text", "STOP")));
    }

    private static List<Probe> operatorEndpoints() {
        return List.of(
                new Probe(HttpMethod.POST, "/api/sms/reminders", new JsonObject().put("caseId", "c-2003").put("phone", "+4791234567")),
                new Probe(HttpMethod.POST, "/api/nlu/parse", new JsonObject().put("text", "hei")),
                new Probe(HttpMethod.GET, "/metrics", null));
    }

    private static HttpResponse<Buffer> send(RunningGateway gateway, Probe probe) throws Exception {
        var request = gateway.client().request(probe.method(), probe.path());
        return await(probe.body() == null ? request.send() : request.sendJsonObject(probe.body()));
    }

    static HashMap<String, String> productionSettings(String redisUrl, String caseApiUrl, int managementPort) {
        var env = new HashMap<String, String>();
        env.put("NORA_MODE", "production");
        env.putAll(RealSettings.myPage());
        env.putAll(RealSettings.agents());
        env.putAll(RealSettings.twilio("production-auth-token"));
        env.put("CASE_API_URL", caseApiUrl);
        env.put("CASE_API_TOKEN", "case-api-token");
        env.put("REDIS_URL", redisUrl);
        env.put("PUBLIC_URL", PUBLIC_URL);
        env.put("MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("AGENT_HOURS", "always");
        return env;
    }

    private static void assertRefused(Map<String, String> complete, String name, String value, String named) {
        var changed = new HashMap<>(complete);
        changed.put(name, value);
        assertThatThrownBy(() -> GatewayConfig.from(changed)).as("%s=%s", name, value)
                .isInstanceOf(ConfigException.class).hasMessageContaining(named);
    }

    static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
