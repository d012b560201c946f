package no.nora.channels.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nora.bot.caseapi.DemoCaseApi;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's sign-in offers the debtors of the fixtures the demo case API runs, CASE_API_FIXTURES included. */
class DemoLoginTest {

    @Test
    void aFixturesFileOfOnesOwnIsWhatTheSignInOffers(@TempDir Path dir) throws Exception {
        String builtIn;
        try (var in = DemoCaseApi.class.getClassLoader().getResourceAsStream(DemoCaseApi.BUILT_IN_FIXTURES)) {
            builtIn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var fixtures = new JsonObject(builtIn);
        fixtures.getJsonArray("debtors").getJsonObject(0).put("name", "Randi Fjelltveit");
        Path file = dir.resolve("fixtures.json");
        Files.writeString(file, fixtures.encode());

        try (var gateway = RunningGateway.inMemory(Map.of("CASE_API_FIXTURES", file.toString()))) {
            String page = await(gateway.client().get("/demo/login").send()).bodyAsString();
            assertThat(page).contains("Randi Fjelltveit").doesNotContain("Kari Nordmann");
            var signIn = await(gateway.client().post("/demo/login")
                    .sendJsonObject(new JsonObject().put("debtorId", "d-1001")));
            assertThat(signIn.statusCode()).isEqualTo(200);
            var unknown = await(gateway.client().post("/demo/login")
                    .sendJsonObject(new JsonObject().put("debtorId", "d-9999")));
            assertThat(unknown.statusCode()).isEqualTo(400);
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
