package no.nora.bot.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import no.nora.bot.Bot;
import no.nora.bot.Inbound;
import no.nora.bot.NewConversation;
import no.nora.bot.Turn;
import no.nora.bot.caseapi.CallPolicy;
import no.nora.bot.caseapi.DemoCaseApi;
import no.nora.bot.caseapi.DemoData;
import no.nora.bot.caseapi.FaultyCaseApiServer;
import no.nora.bot.caseapi.FaultyCaseApiServer.Fault;
import no.nora.bot.caseapi.HttpCaseApi;
import no.nora.bot.handoff.HandoffStatus;
import no.nora.intents.IntentClassifier;
import no.nora.intents.Language;
import no.nora.redact.Redactor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The case API slow, failing, or answering nonsense: the bot says so plainly (with the phone number), invents
 * nothing, hands the conversation to a person, counts it – and the same conversation works again once the API is back.
 */
class CaseApiTroubleTest {
    private static final IntentClassifier CLASSIFIER = IntentClassifier.load();

    private Vertx vertx;
    private FaultyCaseApiServer faulty;
    private SimpleMeterRegistry metrics;
    private Bot bot;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        var demo = await(DemoCaseApi.start(vertx, 0, Optional.empty(), DemoData.CLOCK));
        faulty = await(FaultyCaseApiServer.start(vertx, demo.baseUrl()));
        metrics = new SimpleMeterRegistry();
        var caseApi = HttpCaseApi.create(vertx, faulty.baseUrl(), CallPolicy.defaults().withTimeout(Duration.ofMillis(300)),
                Optional.empty(), metrics);
        bot = await(Bot.start(vertx, new Bot.Settings(Optional.empty(), Duration.ofDays(30), DemoData.CLOCK), CLASSIFIER,
                caseApi, metrics));
    }

    @AfterEach
    void stop() throws Exception {
        await(bot.stop());
        await(vertx.close());
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"SLOW", "SERVER_ERROR", "MALFORMED_JSON", "MISSING_FIELDS"})
    void theBotSaysSoHonestlyAndTheConversationSurvives(Fault fault) throws Exception {
        var engine = bot.engine();
        String id = await(engine.start(NewConversation.web(Language.NB, Optional.of(DemoData.INGRID)))).state().id();
        faulty.slowBy(Duration.ofSeconds(2)).fail(fault);

        Turn down = say(id, "hvor mye skylder jeg?");

        assertThat(down.replies().get(0).text()).contains("får ikke hentet saken din").contains("05550");
        // Nothing made up: no amount, no case, only the honest answer and the queue notice.
        assertThat(down.replies()).extracting(no.nora.bot.conversation.Message::text)
                .noneMatch(text -> text.contains(" kr") || text.contains("Lyse"));
        assertThat(down.replies().get(1).text()).contains("kø");
        assertThat(down.state().handoff()).isEqualTo(HandoffStatus.QUEUED);
        assertThat(metrics.counter("nora.dialogue.case.api.unavailable").count()).isEqualTo(1);

        faulty.heal();
        String fresh = await(engine.start(NewConversation.web(Language.NB, Optional.of(DemoData.INGRID)))).state().id();
        assertThat(say(fresh, "hvor mye skylder jeg?").replies().get(0).text()).contains("Lyse").contains("2\u00A0800 kr");
        assertThat(await(engine.find(id))).isPresent();
    }

    private Turn say(String id, String text) throws Exception {
        return await(bot.engine().receive(id, new Inbound(Optional.empty(), Redactor.redact(text))));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
