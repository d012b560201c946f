package no.nora.channels.agent;

import static no.nora.channels.agent.AgentClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The supervisor's review and training API as its users and an agent who is not one would use it: only
 * supervisors, clear 4xx for every mistake, decisions kept with who and when, an export a developer can paste into
 * the corpus, the debtor's erasure reaching the inbox and the examples, and the figures the dashboard draws.
 */
class LearningApiTest {
    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.inMemory(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void reviewingAndTrainingAreForSupervisorsOnly() throws Exception {
        var agent = AgentClient.signIn(gateway, "Ola Rådgiver", "agent");
        for (String path : List.of("/api/agent/review", "/api/agent/training", "/api/agent/training/examples",
                "/api/agent/training/examples.tsv", "/api/agent/intents")) {
            assertThat(agent.get(path).statusCode()).as(path).isEqualTo(403);
            assertThat(await(gateway.client().get(path).send()).statusCode()).as(path).isEqualTo(401);
        }
        var refused = agent.post("/api/agent/training/jobs", new JsonObject());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.bodyAsJsonObject().getString("message")).contains("supervisors");
        assertThat(agent.post("/api/agent/review/decisions", new JsonObject().put("items", new JsonArray().add("rx"))
                .put("decision", "dismiss")).statusCode()).isEqualTo(403);
    }

    @Test
    void everyMistakeInADecisionIsAClear400() throws Exception {
        var siri = AgentClient.signIn(gateway, "Siri Leder", "supervisor");
        var cases = Map.of(
                "no decision", new JsonObject().put("items", new JsonArray().add("rabc")),
                "an unknown decision", new JsonObject().put("items", new JsonArray().add("rabc")).put("decision", "keep"),
                "no items", new JsonObject().put("decision", "dismiss"),
                "items not ids", new JsonObject().put("items", new JsonArray().add(17)).put("decision", "dismiss"),
                "a label without an intent", new JsonObject().put("items", new JsonArray().add("rabc"))
                        .put("decision", "label"),
                "an unknown intent", new JsonObject().put("items", new JsonArray().add("rabc")).put("decision", "label")
                        .put("intent", "buy_a_boat"),
                "an unknown language", new JsonObject().put("items", new JsonArray().add("rabc"))
                        .put("decision", "label").put("intent", "invoice_copy").put("language", "sv"),
                "a note too long", new JsonObject().put("items", new JsonArray().add("rabc"))
                        .put("decision", "new-intent").put("note", "x".repeat(201)));
        for (var c : cases.entrySet()) {
            var response = siri.post("/api/agent/review/decisions", c.getValue());
            assertThat(response.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(response.bodyAsJsonObject().getString("error")).as(c.getKey()).isNotBlank();
        }
        assertThat(siri.get("/api/agent/review?limit=0").statusCode()).isEqualTo(400);
        assertThat(siri.get("/api/agent/review?limit=lots").statusCode()).isEqualTo(400);
        assertThat(siri.post("/api/agent/training/models/mNoSuchModel/activate", new JsonObject()).statusCode())
                .isEqualTo(404);
        assertThat(siri.post("/api/agent/training/models/m%2E%2E%2Fx/activate", new JsonObject()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void decisionsAreKeptWithWhoAndWhenExportedAsCorpusLinesAndErasedWithTheConversation() throws Exception {
        var siri = AgentClient.signIn(gateway, "Siri Leder", "supervisor");
        var kept = LearningAcrossInstancesTest.webChatSession(gateway, "kor er skjemaet mitt for gjeldsordning");
        var erased = LearningAcrossInstancesTest.webChatSession(gateway, "kva med skjemaet for gjeldsordning");
        var other = LearningAcrossInstancesTest.webChatSession(gateway, "kan eg betale med bitcoin");
        var dismissed = LearningAcrossInstancesTest.webChatSession(gateway, "asdf qwerty zxcv");

        var inbox = siri.get("/api/agent/review").bodyAsJsonObject();
        var ids = itemIds(inbox, "skjemaet");
        assertThat(ids).as(inbox.encode()).hasSize(2);
        var labelled = siri.post("/api/agent/review/decisions", new JsonObject().put("items", new JsonArray(ids))
                .put("decision", "label").put("intent", "hardship").put("language", "nn"));
        assertThat(labelled.bodyAsJsonObject().getInteger("decided")).isEqualTo(2);
        var again = siri.post("/api/agent/review/decisions", new JsonObject().put("items", new JsonArray(ids))
                .put("decision", "dismiss"));
        assertThat(again.bodyAsJsonObject().getInteger("decided")).as("decided once").isZero();
        siri.post("/api/agent/review/decisions", new JsonObject().put("items", new JsonArray(itemIds(inbox, "bitcoin")))
                .put("decision", "new-intent").put("note", "betalings\u202emåtar\u0000, ring 17912099997"));
        siri.post("/api/agent/review/decisions", new JsonObject().put("items", new JsonArray(itemIds(inbox, "qwerty")))
                .put("decision", "dismiss"));

        var after = siri.get("/api/agent/review").bodyAsJsonObject().encode();
        assertThat(after).doesNotContain("skjemaet", "bitcoin", "qwerty");
        var examples = siri.get("/api/agent/training/examples").bodyAsJsonObject();
        assertThat(examples.getJsonArray("examples")).hasSize(2);
        var example = examples.getJsonArray("examples").getJsonObject(0);
        assertThat(example.getString("by")).isEqualTo("Siri Leder");
        assertThat(example.getString("at")).isNotBlank();
        assertThat(example.getString("intent")).isEqualTo("hardship");
        assertThat(examples.getJsonArray("newIntents")).singleElement()
                .satisfies(n -> assertThat(((JsonObject) n).getString("note"))
                        .as("no override, no control character, no number").isEqualTo("betalingsmåtar, ring [•••]"));
        assertThat(examples.encode()).as("dismissed messages are not examples").doesNotContain("qwerty");

        var export = await(gateway.client().get("/api/agent/training/examples.tsv").bearerTokenAuthentication(siri.token)
                .send());
        assertThat(export.getHeader("Content-Type")).startsWith("text/tab-separated-values");
        assertThat(export.getHeader("Content-Disposition")).contains("attachment");
        assertThat(export.bodyAsString().lines().filter(l -> !l.startsWith("#")))
                .containsExactlyInAnyOrder("hardship\tnn\tkor er skjemaet mitt for gjeldsordning",
                        "hardship\tnn\tkva med skjemaet for gjeldsordning");
        assertThat(export.bodyAsString()).contains("# new intent: kan eg betale med bitcoin (betalingsmåtar, ring [•••])");

        // The debtor erases their conversation: their message leaves the examples too.
        var deleted = await(gateway.client().delete("/api/conversations/" + erased.getString("conversationId"))
                .bearerTokenAuthentication(erased.getString("token")).send());
        assertThat(deleted.statusCode()).isEqualTo(204);
        var left = siri.get("/api/agent/training/examples").bodyAsJsonObject().encode();
        assertThat(left).contains("kor er skjemaet").doesNotContain("kva med skjemaet");
        assertThat(kept.getString("conversationId")).isNotBlank();

        // Taking a label back.
        String keptId = siri.get("/api/agent/training/examples").bodyAsJsonObject().getJsonArray("examples")
                .getJsonObject(0).getString("id");
        assertThat(await(gateway.client().delete("/api/agent/training/examples/" + keptId)
                .bearerTokenAuthentication(siri.token).send()).statusCode()).isEqualTo(204);
        assertThat(siri.get("/api/agent/training/examples").bodyAsJsonObject().getJsonArray("examples")).isEmpty();
        assertThat(other.getString("conversationId")).isNotEqualTo(dismissed.getString("conversationId"));
    }

    @Test
    void theFiguresCountWhatTheBotAnsweredAndListWhatItDidNot() throws Exception {
        LearningAcrossInstancesTest.webChatSession(gateway, "kan jeg få kopi av fakturaen?");
        LearningAcrossInstancesTest.webChatSession(gateway, "flyr pingviner om vinteren");
        LearningAcrossInstancesTest.webChatSession(gateway, "flyr pingvinene om vinteren?");
        var siri = AgentClient.signIn(gateway, "Siri Leder", "supervisor");

        var figures = siri.get("/api/agent/figures?days=2").bodyAsJsonObject();

        var today = figures.getJsonArray("days").getJsonObject(1);
        assertThat(today.getLong("messages")).isGreaterThanOrEqualTo(3);
        assertThat(today.getLong("fallbacks")).isGreaterThanOrEqualTo(2);
        assertThat(today.getDouble("fallbackRate")).isBetween(0.0, 1.0);
        assertThat(today.getJsonObject("intents").getLong("invoice_copy")).isPositive();
        assertThat(figures.getJsonArray("unanswered").stream().map(JsonObject.class::cast)
                .filter(u -> u.getString("text").startsWith("flyr pingvin")).findFirst().orElseThrow()
                .getInteger("count")).as("near-duplicates counted together").isEqualTo(2);
    }

    private static List<String> itemIds(JsonObject inbox, String containing) {
        var ids = new ArrayList<String>();
        inbox.getJsonArray("groups").stream().map(JsonObject.class::cast)
                .flatMap(g -> g.getJsonArray("items").stream().map(JsonObject.class::cast))
                .filter(i -> i.getString("text").contains(containing)).forEach(i -> ids.add(i.getString("id")));
        return ids;
    }
}
