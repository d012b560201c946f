package no.nora.channels.agent;

import static no.nora.channels.agent.AgentClient.await;
import static no.nora.channels.agent.AgentClient.debtorSays;
import static no.nora.channels.agent.AgentClient.queuedConversation;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nora.bot.NewConversation;
import no.nora.bot.conversation.Author;
import no.nora.bot.conversation.Channel;
import no.nora.bot.conversation.Message;
import no.nora.bot.handoff.HandoffStatus;
import no.nora.bot.live.ConversationEvents;
import no.nora.bot.testing.EventFeed;
import no.nora.channels.testing.RunningGateway;
import no.nora.intents.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two gateway instances on one real Redis: the debtor on A, the agent on B. */
class AgentAcrossInstancesTest {
    private final Vertx vertx = Vertx.vertx();
    private final List<RunningGateway> gateways = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (var g : gateways) {
            g.close();
        }
        await(vertx.close());
    }

    private RunningGateway instance() throws Exception {
        var gateway = RunningGateway.withRedis(Map.of());
        gateways.add(gateway);
        return gateway;
    }

    @Test
    void theDebtorOnOneInstanceAndTheAgentOnAnotherTalkBothWaysAndTheBotStaysSilent() throws Exception {
        var a = instance();
        var b = instance();
        var botA = a.gateway().bot();
        var id = queuedConversation(botA, NewConversation.web(Language.NB, Optional.empty()));
        var onA = new EventFeed();
        await(botA.engine().events().subscribe(ConversationEvents.conversation(id), onA::add).ready());
        var kari = AgentClient.signIn(b, "Kari Nordmann", "agent");
        var live = kari.live(vertx);

        assertThat(kari.claim(id).statusCode()).isEqualTo(200);
        assertThat(onA.await(e -> "status".equals(e.getString("type"))).getString("agent")).isEqualTo("Kari");
        assertThat(kari.say(id, "Hei! Jeg heter Kari og hjelper deg videre.", false).statusCode()).isEqualTo(201);

        var agentMessage = onA.await(e -> "message".equals(e.getString("type"))
                && "agent".equals(e.getJsonObject("message").getString("from")));
        assertThat(agentMessage.getJsonObject("message").getString("text")).isEqualTo("Hei! Jeg heter Kari og hjelper deg videre.");
        assertThat(await(botA.engine().transcript(id, Optional.empty(), false))).extracting(Message::from).contains(Author.AGENT);

        var turn = debtorSays(botA, id, "Takk, jeg lurer på avdrag");
        assertThat(turn.replies()).isEmpty();
        var seenOnB = live.await(e -> "message".equals(e.getString("type")) && id.equals(e.getString("conversationId"))
                && "debtor".equals(e.getJsonObject("message").getString("from")));
        assertThat(seenOnB.getJsonObject("message").getString("text")).isEqualTo("Takk, jeg lurer på avdrag");

        assertThat(kari.post("/api/agent/conversations/" + id + "/release", new JsonObject()).statusCode()).isEqualTo(200);
        onA.await(e -> "bot".equals(e.getString("status")));
        assertThat(await(botA.engine().find(id)).orElseThrow().handoff()).isEqualTo(HandoffStatus.BOT);
        assertThat(debtorSays(botA, id, "hei").replies()).isNotEmpty();
    }

    @Test
    void aQueuedConversationSurvivesARestartOfTheInstanceThatQueuedIt() throws Exception {
        var a = instance();
        var id = queuedConversation(a.gateway().bot(), NewConversation.web(Language.NB, Optional.empty()));
        a.close();
        gateways.remove(a);

        var restarted = instance();
        var kari = AgentClient.signIn(restarted, "Kari Nordmann", "agent");

        assertThat(kari.get("/api/agent/queue").bodyAsJsonObject().getJsonArray("queue").encode()).contains(id);
        assertThat(kari.claim(id).statusCode()).isEqualTo(200);
    }

    @Test
    void anSmsConversationIsHandedOverAndTheAgentsAnswerGoesOutBySms() throws Exception {
        var a = instance();
        var b = instance();
        var sent = new ArrayList<Message>();
        // The SMS sender is an edge we fake here; the lead plugs the Twilio sender in the same way.
        for (var g : List.of(a, b)) {
            g.gateway().bot().handoffs().deliverOn(Channel.SMS, (state, message) -> {
                synchronized (sent) {
                    sent.add(message);
                }
                return Future.succeededFuture();
            });
        }
        var id = queuedConversation(a.gateway().bot(), NewConversation.sms("+4791234567", Optional.empty()));
        var kari = AgentClient.signIn(b, "Kari Nordmann", "agent");

        assertThat(kari.claim(id).statusCode()).isEqualTo(200);
        assertThat(kari.say(id, "Hei, dette er Kari fra kundesenteret.", false).statusCode()).isEqualTo(201);
        assertThat(kari.say(id, "privat notat", true).statusCode()).isEqualTo(201);

        synchronized (sent) {
            assertThat(sent).extracting(Message::text)
                    .containsExactly("Du snakker nå med Kari fra kundesenteret.", "Hei, dette er Kari fra kundesenteret.");
        }
    }
}
