package no.nora.bot.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import no.nora.bot.Bot;
import no.nora.bot.Inbound;
import no.nora.bot.NewConversation;
import no.nora.bot.caseapi.DemoCaseApi;
import no.nora.bot.caseapi.DemoData;
import no.nora.bot.caseapi.HttpCaseApi;
import no.nora.bot.conversation.Message;
import no.nora.bot.testing.HandClock;
import no.nora.intents.IntentClassifier;
import no.nora.intents.Language;
import no.nora.redact.Redactor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A signed-in chat read the debtor's cases for the conversation's whole 30 days, long after My Page's token had
 * expired. Now the sign-in holds until the token's expiry: after it, the bot says so, offers to sign in again, and
 * the chat goes on as an anonymous one – without a word of the debtor's cases.
 */
class SignInExpiryTest {
    private Vertx vertx;
    private DemoCaseApi demo;
    private Bot bot;
    private HandClock clock;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        clock = new HandClock(DemoData.CLOCK.instant());
        demo = await(DemoCaseApi.start(vertx, 0, Optional.empty(), DemoData.CLOCK));
        var metrics = new SimpleMeterRegistry();
        var caseApi = HttpCaseApi.create(vertx, demo.baseUrl(), Duration.ofSeconds(3), Optional.empty(), metrics);
        bot = await(Bot.start(vertx, new Bot.Settings(Optional.empty(), Duration.ofDays(30), clock),
                IntentClassifier.load(), caseApi, metrics));
    }

    @AfterEach
    void stop() throws Exception {
        await(bot.stop());
        await(demo.stop());
        await(vertx.close());
    }

    @Test
    void whileTheSignInHoldsTheCasesAreReadAndAfterItTheyAreNot() throws Exception {
        var engine = bot.engine();
        var started = await(engine.start(NewConversation.signedIn(Language.NB, "d-1003",
                clock.instant().plus(Duration.ofHours(1)))));
        String id = started.state().id();

        String before = replies(await(engine.receive(id, new Inbound(Optional.of("m-1"), Redactor.redact("hva er saldoen min?")))).replies());
        assertThat(before).as("signed in: her case").containsIgnoringCase("kr");

        clock.advance(Duration.ofHours(2));
        var after = await(engine.receive(id, new Inbound(Optional.of("m-2"), Redactor.redact("hva er saldoen min?"))));
        String text = replies(after.replies());
        assertThat(text).contains("Innloggingen din har gått ut");
        assertThat(text).doesNotContain(" kr");
        assertThat(after.replies().get(0).links()).anyMatch(l -> l.url().equals(no.nora.bot.conversation.Link.SIGN_IN));
        assertThat(await(engine.find(id)).orElseThrow().debtorId()).as("the debtor is forgotten").isEmpty();

        String later = replies(await(engine.receive(id, new Inbound(Optional.of("m-3"), Redactor.redact("hva er saldoen min?")))).replies());
        assertThat(later).as("said once").doesNotContain("har gått ut").doesNotContain(" kr");
    }

    private static String replies(List<Message> messages) {
        return String.join("\n", messages.stream().map(Message::text).toList());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
