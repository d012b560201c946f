package no.nora.channels.attacks;

import static no.nora.channels.attacks.SettingsMatrixTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tokens signed with the right key but made for something else: no {@code exp} (valid for ever), an {@code exp}
 * that is not a number (it gave a 500), another issuer or audience, another {@code typ}; and, with one key for
 * both, an agent's token opening a debtor's chat and a debtor's token with a supervisor role opening the agent API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenForgeryTest {
    private static final String SHARED = "one-key-for-my-page-and-agents-0123456789";
    private RunningGateway gateway;

    @BeforeAll
    void start() throws Exception {
        var env = new HashMap<String, String>();
        env.putAll(Map.of("MYPAGE_JWT_SECRET", SHARED, "MYPAGE_JWT_ISSUER", "https://mypage.test",
                "MYPAGE_JWT_AUDIENCE", "nora-chat", "AGENT_JWT_SECRET", SHARED, "AGENT_JWT_ISSUER", "https://sso.test",
                "AGENT_JWT_AUDIENCE", "nora-agents"));
        gateway = RunningGateway.inMemory(env);
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void aGenuineTokenOfEachAudienceOpensItsOwnDoorOnly() throws Exception {
        String debtor = hs256(myPage("d-1001").put("exp", inAnHour()));
        String agent = hs256(agent("supervisor").put("exp", inAnHour()));
        assertThat(chat(debtor)).isEqualTo(201);
        assertThat(agentQueue(agent)).isEqualTo(200);
        assertThat(chat(agent)).as("an agent's token is no My Page sign-in").isEqualTo(401);
        assertThat(agentQueue(debtor)).as("a debtor's token opens no agent API").isEqualTo(401);
        String debtorAsSupervisor = hs256(myPage("d-1001").put("role", "supervisor").put("name", "Eve").put("exp", inAnHour()));
        assertThat(agentQueue(debtorAsSupervisor)).as("a role claim in a My Page token").isEqualTo(401);
    }

    @Test
    void tokensWithoutALifetimeOrWithMalformedClaimsAreRefusedNeverA500() throws Exception {
        assertThat(chat(hs256(myPage("d-1001")))).as("no exp").isEqualTo(401);
        assertThat(chat(hs256(myPage("d-1001").put("exp", "tomorrow")))).as("exp a string").isEqualTo(401);
        assertThat(agentQueue(hs256(agent("agent").put("exp", "tomorrow")))).as("exp a string").isEqualTo(401);
        assertThat(chat(hs256(myPage("d-1001").put("exp", inAnHour()).put("nbf", "now")))).isEqualTo(401);
        assertThat(chat(hs256(myPage("d-1001").put("exp", System.currentTimeMillis() / 1000 - 3600)))).as("expired")
                .isEqualTo(401);
        assertThat(chat(hs256(myPage("d-1001").put("exp", inAnHour()).put("iss", "https://evil.test")))).isEqualTo(401);
        assertThat(chat(hs256(myPage("d-1001").put("exp", inAnHour()).put("aud", "someone-else")))).isEqualTo(401);
        assertThat(chat(sign(new JsonObject().put("alg", "HS256").put("typ", "JWE"),
                myPage("d-1001").put("exp", inAnHour())))).as("typ").isEqualTo(401);
        assertThat(chat(unsigned(myPage("d-1001").put("exp", inAnHour())))).as("alg none").isEqualTo(401);
        assertThat(chat("a.b.c")).isEqualTo(401);
        assertThat(chat("%%%.@@@.!!!")).isEqualTo(401);
    }

    private static JsonObject myPage(String sub) {
        return new JsonObject().put("sub", sub).put("iss", "https://mypage.test").put("aud", "nora-chat");
    }

    private static JsonObject agent(String role) {
        return new JsonObject().put("sub", "a-7").put("name", "Siri").put("role", role).put("iss", "https://sso.test")
                .put("aud", "nora-agents");
    }

    private static long inAnHour() {
        return System.currentTimeMillis() / 1000 + 3600;
    }

    private int chat(String token) throws Exception {
        return await(gateway.client().post("/api/chat/sessions").putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(new JsonObject())).statusCode();
    }

    private int agentQueue(String token) throws Exception {
        return await(gateway.client().get("/api/agent/queue").putHeader("Authorization", "Bearer " + token).send())
                .statusCode();
    }

    private static String hs256(JsonObject claims) throws Exception {
        return sign(new JsonObject().put("alg", "HS256").put("typ", "JWT"), claims);
    }

    /** Signs by hand, so claims can be of any type a forger likes. */
    private static String sign(JsonObject header, JsonObject claims) throws Exception {
        String data = base64(header.encode()) + "." + base64(claims.encode());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SHARED.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return data + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    private static String unsigned(JsonObject claims) {
        return base64(new JsonObject().put("alg", "none").encode()) + "." + base64(claims.encode()) + ".";
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
