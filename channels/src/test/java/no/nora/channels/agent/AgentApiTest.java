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

    @Test
    void inboxViewsFiltersAndSearch_theFiguresAreForSupervisors_andBadInputGetsA400() throws Exception {
        var bot = demo.gateway().bot();
        var kariDebtor = queuedConversation(bot, NewConversation.web(Language.NB, Optional.of("d-1001")));
        var sms = queuedConversation(bot, NewConversation.sms("+4740000002", Optional.empty()));
        var kari = AgentClient.signIn(demo, "Kari Nordmann", "agent");
        var siri = AgentClient.signIn(demo, "Siri Berg", "supervisor");

        assertThat(ids(kari.get("/api/agent/inbox?view=queue&channel=sms"))).contains(sms).doesNotContain(kariDebtor);
        assertThat(ids(kari.get("/api/agent/inbox?q=fjordkraft"))).contains(kariDebtor).doesNotContain(sms);
        assertThat(ids(kari.get("/api/agent/inbox?q=" + sms))).containsExactly(sms);
        assertThat(kari.claim(kariDebtor).statusCode()).isEqualTo(200);
        var mine = kari.get("/api/agent/inbox?view=mine").bodyAsJsonObject();
        assertThat(ids(mine)).containsExactly(kariDebtor);
        assertThat(mine.getJsonObject("counts").getInteger("mine")).isEqualTo(1);
        assertThat(mine.getJsonArray("items").getJsonObject(0).getString("lastDebtorMessageId")).isNotBlank();
        assertThat(ids(siri.get("/api/agent/inbox?view=open"))).contains(kariDebtor, sms);

        assertThat(kari.get("/api/agent/inbox?view=open").statusCode()).isEqualTo(403);
        assertThat(kari.get("/api/agent/figures").statusCode()).isEqualTo(403);
        assertThat(siri.get("/api/agent/figures?days=7").bodyAsJsonObject().getJsonArray("days")).hasSize(7);
        for (String bad : List.of("/api/agent/inbox?view=everything", "/api/agent/inbox?channel=fax",
                "/api/agent/inbox?q=" + "x".repeat(101), "/api/agent/figures?days=400")) {
            var response = (bad.contains("figures") ? siri : kari).get(bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(response.bodyAsJsonObject().getString("message")).isNotBlank();
        }
        var badOutcome = kari.post("/api/agent/conversations/" + kariDebtor + "/close", new JsonObject().put("outcome", "won"));
        assertThat(badOutcome.statusCode()).isEqualTo(400);
        assertThat(kari.post("/api/agent/conversations/" + kariDebtor + "/transfer", new JsonObject().put("to", "nobody"))
                .statusCode()).isEqualTo(409);
    }

    @Test
    void theDebtorPanelShowsOnlyThisDebtorsCases_withoutDigitRuns_andNoneForAnAnonymousChat() throws Exception {
        var bot = demo.gateway().bot();
        var signedIn = queuedConversation(bot, NewConversation.web(Language.EN, Optional.of("d-1001")));
        var anonymous = queuedConversation(bot, NewConversation.web(Language.NB, Optional.empty()));
        var kari = AgentClient.signIn(demo, "Kari Nordmann", "agent");

        var panel = kari.get("/api/agent/conversations/" + signedIn + "/debtor").bodyAsJsonObject();
        assertThat(panel.getJsonArray("cases").stream().map(c -> ((JsonObject) c).getString("creditor")))
                .containsExactlyInAnyOrder("Telenor Norge AS", "Fjordkraft AS", "Elkjøp Nordic AS");
        assertThat(panel.encode()).doesNotContainPattern("\\d{7}");
        var none = kari.get("/api/agent/conversations/" + anonymous + "/debtor").bodyAsJsonObject();
        assertThat(none.getJsonArray("cases")).isEmpty();
        assertThat(none.getString("identified")).isEqualTo("anonymous");
    }

    @Test
    void theSmsPreviewCountsSegmentsAsTheSenderWill() throws Exception {
        var kari = AgentClient.signIn(demo, "Kari Nordmann", "agent");

        var plain = kari.post("/api/agent/sms-preview", new JsonObject().put("text", "Hei! Saken er betalt.")).bodyAsJsonObject();
        assertThat(plain.getString("encoding")).isEqualTo("GSM7");
        assertThat(plain.getInteger("segments")).isEqualTo(1);
        var long_ = kari.post("/api/agent/sms-preview", new JsonObject().put("text", "å".repeat(161))).bodyAsJsonObject();
        assertThat(long_.getInteger("segments")).isEqualTo(2);
        var emoji = kari.post("/api/agent/sms-preview", new JsonObject().put("text", "Takk \u2714 \u201cok\u201d"))
                .bodyAsJsonObject();
        assertThat(emoji.getJsonArray("changed").stream().map(String::valueOf).toList()).containsExactly("\u2714", "\u201c", "\u201d");
        assertThat(emoji.getString("sent")).isEqualTo("Takk \"ok\"");
    }

    @Test
    void agentsSeeWhatTheBotUnderstoodOfEachDebtorMessage_theDebtorNever() throws Exception {
        var bot = demo.gateway().bot();
        var started = await(bot.engine().start(NewConversation.web(Language.NB, Optional.empty())));
        var id = started.state().id();
        AgentClient.debtorSays(bot, id, "hva er saldoen min?");
        AgentClient.debtorSays(bot, id, "jeg vil snakke med et menneske");
        var kari = AgentClient.signIn(demo, "Kari Nordmann", "agent");

        var transcript = kari.get("/api/agent/conversations/" + id).bodyAsJsonObject().getJsonArray("transcript");
        var debtor = transcript.stream().map(JsonObject.class::cast).filter(m -> "debtor".equals(m.getString("from")))
                .toList();
        assertThat(debtor).extracting(m -> m.getJsonObject("understood").getString("intent"))
                .containsExactly("balance_inquiry", "human_handoff");
        assertThat(debtor.get(0).getJsonObject("understood").getInteger("confidence")).isBetween(1, 100);
        var debtorSees = await(demo.client().get("/api/chat/sessions/" + id + "/messages")
                .bearerTokenAuthentication(started.token()).send());
        assertThat(debtorSees.statusCode()).isEqualTo(200);
        assertThat(debtorSees.bodyAsString()).contains("saldoen").doesNotContain("understood").doesNotContain("balance_inquiry");
    }

    private static List<String> ids(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return ids(response.bodyAsJsonObject());
    }

    private static List<String> ids(JsonObject inbox) {
        return inbox.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("conversationId")).toList();
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
