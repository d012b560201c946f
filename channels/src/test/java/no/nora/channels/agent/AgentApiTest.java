package no.nora.channels.agent;

import static no.nora.channels.agent.AgentClient.await;
import static no.nora.channels.agent.AgentClient.queuedConversation;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nora.bot.NewConversation;
import no.nora.bot.conversation.Author;
import no.nora.bot.conversation.Message;
import no.nora.channels.testing.RunningGateway;
import no.nora.intents.Language;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AgentApiTest {
    private static final String AGENT_SECRET = "agent-secret-for-tests-only-agent-secret";
    private static RunningGateway demo;
    private static RunningGateway configured;
    private static final Vertx vertx = Vertx.vertx();

    @BeforeAll
    static void start() throws Exception {
        demo = RunningGateway.inMemory(Map.of());
        configured = RunningGateway.inMemory(Map.of("AGENT_JWT_SECRET", AGENT_SECRET,
                "MYPAGE_JWT_SECRET", "mypage-secret-for-tests-only-mypage-secret"));
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
        configured.close();
        await(vertx.close());
    }

    @Test
    void withoutAValidAgentTokenTheApiIsClosed() throws Exception {
        var started = await(demo.gateway().bot().engine().start(NewConversation.web(Language.NB, Optional.empty())));

        assertThat(await(demo.client().get("/api/agent/queue").send()).statusCode()).isEqualTo(401);
        assertThat(AgentClient.withToken(demo, started.token()).get("/api/agent/queue").statusCode()).isEqualTo(401);
        assertThat(AgentClient.withToken(demo, sign("some-other-secret-some-other-secret", "agent")).get("/api/agent/queue")
                .statusCode()).isEqualTo(401);
    }

    @Test
    void aConfiguredKeyVerifiesAgentsAndTurnsDemoSignInOff() throws Exception {
        var agent = AgentClient.withToken(configured, sign(AGENT_SECRET, "agent"));
        var myPage = AgentClient.withToken(configured, signMyPage("mypage-secret-for-tests-only-mypage-secret"));
        var noRole = AgentClient.withToken(configured, signMyPage(AGENT_SECRET));

        assertThat(agent.get("/api/agent/queue").statusCode()).isEqualTo(200);
        assertThat(agent.get("/api/agent/queue").bodyAsJsonObject().getJsonObject("agent").getString("name"))
                .isEqualTo("Kari Nordmann");
        assertThat(myPage.get("/api/agent/queue").statusCode()).isEqualTo(401);
        assertThat(noRole.get("/api/agent/queue").statusCode()).isEqualTo(401);
        assertThat(await(configured.client().post("/demo/agent-login")
                .sendJsonObject(new JsonObject().put("name", "Eve").put("role", "supervisor"))).statusCode()).isEqualTo(404);
    }

    @Test
    void twoAgentsClaimingAtOnceGetOne200AndOne409() throws Exception {
        var id = queuedConversation(demo.gateway().bot(), NewConversation.web(Language.NB, Optional.empty()));
        var kari = AgentClient.signIn(demo, "Kari Nordmann", "agent");
        var ola = AgentClient.signIn(demo, "Ola Hansen", "agent");

        Future<HttpResponse<Buffer>> first = kari.postAsync("/api/agent/conversations/" + id + "/claim", new JsonObject());
        Future<HttpResponse<Buffer>> second = ola.postAsync("/api/agent/conversations/" + id + "/claim", new JsonObject());
        await(Future.all(first, second));

        assertThat(List.of(first.result().statusCode(), second.result().statusCode())).containsExactlyInAnyOrder(200, 409);
        var loser = first.result().statusCode() == 409 ? first.result() : second.result();
        assertThat(loser.bodyAsJsonObject().getString("error")).isEqualTo("conflict");
    }

    @Test
    void anAgentAnswersPublicly_privateNotesStayWithAgents_andOthersAreKeptOut() throws Exception {
        var bot = demo.gateway().bot();
        var id = queuedConversation(bot, NewConversation.web(Language.NB, Optional.empty()));
        var kari = AgentClient.signIn(demo, "Kari Nordmann", "agent");
        var ola = AgentClient.signIn(demo, "Ola Hansen", "agent");
        var siri = AgentClient.signIn(demo, "Siri Berg", "supervisor");

        var queue = kari.get("/api/agent/queue").bodyAsJsonObject().getJsonArray("queue");
        var entry = queue.stream().map(JsonObject.class::cast).filter(e -> e.getString("conversationId").equals(id))
                .findFirst().orElseThrow();
        assertThat(entry.getString("reason")).isEqualTo("not_understood");
        assertThat(entry.getString("channel")).isEqualTo("web");
        assertThat(entry.getLong("waitingSeconds")).isNotNegative();
        assertThat(kari.say(id, "hei", false).statusCode()).isEqualTo(409); // not claimed yet
        assertThat(kari.claim(id).statusCode()).isEqualTo(200);

        assertThat(kari.say(id, "Hei, jeg heter Kari. Jeg ser på saken din.", false).statusCode()).isEqualTo(201);
        assertThat(kari.say(id, "Notat: kunden oppga kontonummer 12345678901", true).statusCode()).isEqualTo(201);
        assertThat(ola.get("/api/agent/conversations/" + id).statusCode()).isEqualTo(403);
        assertThat(ola.say(id, "hei", false).statusCode()).isEqualTo(403);
        assertThat(ola.get("/api/agent/queue").bodyAsJsonObject().getJsonArray("queue").encode()).doesNotContain(id);
        assertThat(siri.get("/api/agent/queue").bodyAsJsonObject().getJsonArray("queue").encode()).contains(id);
        assertThat(await(kari.postAsync("/api/agent/conversations/" + id + "/messages", new JsonObject().put("text", 5)))
                .statusCode()).isEqualTo(400);

        var debtorSees = await(bot.engine().transcript(id, Optional.empty(), false));
        assertThat(debtorSees).filteredOn(m -> m.from() == Author.AGENT).extracting(Message::text)
                .containsExactly("Hei, jeg heter Kari. Jeg ser på saken din.");
        assertThat(debtorSees).extracting(Message::text).contains("Du snakker nå med Kari fra kundesenteret.");
        var details = siri.get("/api/agent/conversations/" + id).bodyAsJsonObject();
        assertThat(details.getString("status")).isEqualTo("assigned");
        assertThat(details.getJsonArray("transcript").encode()).contains("\"internal\":true")
                .doesNotContain("12345678901");

        assertThat(kari.post("/api/agent/conversations/" + id + "/close", new JsonObject()).statusCode()).isEqualTo(200);
        assertThat(kari.post("/api/agent/conversations/" + id + "/release", new JsonObject()).statusCode()).isEqualTo(409);
        assertThat(kari.claim("unknownconversationid").statusCode()).isEqualTo(404);
    }

    private String sign(String secret, String role) {
        return JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256")
                        .setBuffer(secret)))
                .generateToken(new JsonObject().put("sub", "kari").put("name", "Kari Nordmann").put("role", role),
                        new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(3600));
    }

    /** A My Page token: a debtor, no role. */
    private String signMyPage(String secret) {
        return JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256")
                        .setBuffer(secret)))
                .generateToken(new JsonObject().put("sub", "d-1001").put("name", "Kari Debtor"),
                        new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(3600));
    }
}
