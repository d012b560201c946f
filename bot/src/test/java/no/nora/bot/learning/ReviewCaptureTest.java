package no.nora.bot.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import no.nora.bot.Bot;
import no.nora.bot.Inbound;
import no.nora.bot.NewConversation;
import no.nora.intents.IntentClassifier;
import no.nora.intents.Language;
import no.nora.redact.Redactor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What reaches the team's review inbox, from the debtor's side: what Nora failed on, and nothing she handled well,
 * nothing a person was already answering, no bare number.
 */
class ReviewCaptureTest {
    private static IntentClassifier classifier;
    private Vertx vertx;
    private Bot bot;

    @BeforeEach
    void start() throws Exception {
        if (classifier == null) {
            classifier = IntentClassifier.load();
        }
        vertx = Vertx.vertx();
        bot = await(Bot.start(vertx, Bot.Settings.inMemory(), classifier, null, new SimpleMeterRegistry()));
    }

    @AfterEach
    void stop() throws Exception {
        await(bot.stop());
        await(vertx.close());
    }

    @Test
    void twoMisunderstoodMessagesAreBothInTheInboxAsNotUnderstood() throws Exception {
        var id = conversation();
        say(id, "blå elefanter danser");
        say(id, "månen er av ost");

        var items = open();
        assertThat(items).extracting(ReviewItem::text).containsExactly("månen er av ost", "blå elefanter danser");
        assertThat(items).allSatisfy(i -> {
            assertThat(i.reason()).isEqualTo(ReviewReason.NOT_UNDERSTOOD);
            assertThat(i.conversationId()).isEqualTo(id);
            assertThat(i.channel()).isEqualTo("web");
            assertThat(i.confidence()).as("the model's confidence in its own best guess").isBetween(1, 100);
        });
    }

    @Test
    void aRequestForAPersonIsThereAsAHandoffAndWhatFollowsInTheQueueIsNot() throws Exception {
        var id = conversation();
        say(id, "jeg vil snakke med et menneske");
        say(id, "hallo? noen der?");

        assertThat(open()).singleElement().satisfies(i -> {
            assertThat(i.reason()).isEqualTo(ReviewReason.HANDOFF);
            assertThat(i.text()).isEqualTo("jeg vil snakke med et menneske");
        });
    }

    @Test
    void whatNoraUnderstoodWellAndBareNumbersAreNotThere() throws Exception {
        var id = conversation();
        say(id, "kan jeg få kopi av fakturaen?");
        say(id, "500");
        say(id, "takk for hjelpen");

        assertThat(open()).isEmpty();
    }

    @Test
    void theDaysFiguresCountEveryAnsweredMessageItsIntentAndTheFallbacks() throws Exception {
        var id = conversation();
        say(id, "kan jeg få kopi av fakturaen?");
        say(id, "blå elefanter danser");

        var today = await(bot.handoffs().figures(1)).days().get(0);
        assertThat(today.messages()).isEqualTo(2);
        assertThat(today.fallbacks()).isEqualTo(1);
        assertThat(today.fallbackRate()).hasValue(0.5);
        assertThat(today.intents()).containsEntry("invoice_copy", 1L).containsEntry("out_of_scope", 1L);
    }

    @Test
    void anSmsDebtorsMessageSaysItCameBySms() throws Exception {
        var id = await(bot.engine().start(new NewConversation(no.nora.bot.conversation.Channel.SMS, Language.NB,
                Optional.empty(), Optional.of("+4791234567"), Optional.empty(), Optional.empty(), Optional.empty())))
                .state().id();
        say(id, "blå elefanter danser");

        assertThat(open()).singleElement().satisfies(i -> assertThat(i.channel()).isEqualTo("sms"));
    }

    @Test
    void aNumberInAMessageIsNotInTheInbox() throws Exception {
        var id = conversation();
        say(id, "fnr 17912099997 blå elefanter");

        assertThat(open()).singleElement().satisfies(i -> assertThat(Redactor.containsForbiddenRun(i.text())).isFalse());
    }

    private String conversation() throws Exception {
        return await(bot.engine().start(NewConversation.web(Language.NB, Optional.empty()))).state().id();
    }

    private void say(String id, String text) throws Exception {
        await(bot.engine().receive(id, new Inbound(Optional.empty(), Redactor.redact(text))));
    }

    private List<ReviewItem> open() throws Exception {
        return await(bot.learning().review(100)).stream().flatMap(g -> g.items().stream())
                .sorted((a, b) -> b.at().compareTo(a.at()) != 0 ? b.at().compareTo(a.at()) : 0).toList();
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
