package no.nora.bot.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import no.nora.bot.Bot;
import no.nora.bot.ConversationEngine;
import no.nora.bot.Inbound;
import no.nora.bot.NewConversation;
import no.nora.bot.Turn;
import no.nora.bot.caseapi.DemoCaseApi;
import no.nora.bot.caseapi.DemoData;
import no.nora.bot.caseapi.FaultyCaseApiServer;
import no.nora.bot.caseapi.HttpCaseApi;
import no.nora.bot.conversation.Choice;
import no.nora.bot.conversation.Message;
import no.nora.bot.handoff.HandoffStatus;
import no.nora.bot.testing.TestRedis;
import no.nora.intents.IntentClassifier;
import no.nora.intents.Language;
import no.nora.redact.Redactor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Whole conversations for every task, in Norwegian and English, through the engine and the case API client, against
 * the demo case API over HTTP – once on a real Redis and once in memory.
 */
class DialogueScenariosTest {
    private static final IntentClassifier CLASSIFIER = IntentClassifier.load();

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnRedis extends Scenarios {
        OnRedis() {
            super(Bot.Settings.redis(TestRedis.shared().url()).redis());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class InMemory extends Scenarios {
        InMemory() {
            super(Optional.empty());
        }
    }

    abstract static class Scenarios {
        private final Optional<io.vertx.redis.client.RedisOptions> redis;
        private Vertx vertx;
        private DemoCaseApi demo;
        private FaultyCaseApiServer faulty;
        private Bot bot;
        private SimpleMeterRegistry metrics;

        Scenarios(Optional<io.vertx.redis.client.RedisOptions> redis) {
            this.redis = redis;
        }

        @BeforeAll
        void start() throws Exception {
            vertx = Vertx.vertx();
            demo = await(DemoCaseApi.start(vertx, 0, Optional.empty(), DemoData.CLOCK));
            faulty = await(FaultyCaseApiServer.start(vertx, demo.baseUrl()));
            metrics = new SimpleMeterRegistry();
            var caseApi = HttpCaseApi.create(vertx, faulty.baseUrl(), Duration.ofSeconds(3), Optional.empty(), metrics);
            bot = await(Bot.start(vertx, new Bot.Settings(redis, Duration.ofDays(30), DemoData.CLOCK), CLASSIFIER, caseApi,
                    metrics));
        }

        @AfterAll
        void stop() throws Exception {
            await(bot.stop());
            await(vertx.close());
        }

        private Chat signedIn(String debtorId, Language language) throws Exception {
            return new Chat(bot.engine(), await(bot.engine().start(NewConversation.web(language, Optional.of(debtorId))))
                    .state().id());
        }

        @Test
        void invoiceCopyWithThreeCasesChosenByNumber() throws Exception {
            var chat = signedIn(DemoData.KARI, Language.NB);

            var question = chat.say("kan jeg få en kopi av fakturaen?");
            assertThat(question.text()).contains("flere saker").contains("Telenor").contains("Fjordkraft").contains("Elkjøp");
            assertThat(question.choices()).extracting(Choice::label)
                    .containsExactly("Telenor Norge AS", "Fjordkraft AS", "Elkjøp Nordic AS");

            var done = chat.say("2");
            assertThat(done.text()).contains("Fjordkraft").contains("Min side");
            assertThat(demo.requests()).anySatisfy(r -> {
                assertThat(r.caseId()).isEqualTo(DemoData.FJORDKRAFT_CASE);
                assertThat(r.type().toString().toLowerCase()).contains("invoice");
            });
        }

        @Test
        void invoiceCopyInEnglishChosenByCreditorName() throws Exception {
            var chat = signedIn(DemoData.KARI, Language.EN);

            assertThat(chat.say("could you send me a copy of the invoice please").text()).contains("Which one");
            var done = chat.say("the Elkjøp one");
            assertThat(done.text()).contains("Elkjøp").contains("My Page");
            assertThat(demo.requests()).anySatisfy(r -> assertThat(r.caseId()).isEqualTo(DemoData.ELKJOP_CASE));
        }

        @Test
        void paymentFoundShowsAmountDateAndWhatIsLeft() throws Exception {
            var chat = signedIn(DemoData.KARI, Language.NB);

            chat.say("har dere mottatt betalingen min?");
            var answer = chat.say("Telenor");
            assertThat(answer.text()).contains("500 kr").contains("10. mars 2025").contains("1\u00A0125 kr");
        }

        @Test
        void noPaymentYetExplainsBankDaysAndLinksToMyPagesReceiptForm() throws Exception {
            var chat = signedIn(DemoData.OLA, Language.EN);

            chat.say("did you receive my payment?");
            var answer = chat.lastTurn(chat.send("Sector Alarm"));
            assertThat(answer.replies().get(0).text()).contains("1–3 banking days").contains("receipt");
            assertThat(answer.replies().get(0).links()).extracting(no.nora.bot.conversation.Link::url)
                    .containsExactly("https://www.inkassonord.no/min-side/kvittering");
            assertThat(answer.state().handoff()).isEqualTo(HandoffStatus.BOT);
        }

        @Test
        void instalmentPlanFromTheFirstMessageIsShownConfirmedAndRequested() throws Exception {
            var chat = signedIn(DemoData.KARI, Language.NB);

            chat.say("kan jeg betale 500 kr i måneden?");
            var plan = chat.say("Fjordkraft");
            assertThat(plan.text()).contains("5 avdrag à 500 kr og et siste på 435 kr");

            var created = chat.say("ja");
            assertThat(created.text()).contains("sendt");
            assertThat(demo.requests()).anySatisfy(r -> {
                assertThat(r.caseId()).isEqualTo(DemoData.FJORDKRAFT_CASE);
                assertThat(r.body().toString()).contains("6");
            });
        }

        @Test
        void instalmentBelowTheMinimumOrTooLongIsAnsweredWithTheReason() throws Exception {
            var chat = signedIn(DemoData.KARI, Language.NB);

            chat.say("jeg vil betale i avdrag");
            chat.say("Elkjøp");
            assertThat(chat.say("100 kr i måneden").text()).contains("300 kr");
            assertThat(chat.say("500 kr i måneden").text()).contains("12 måneder").contains("649 kr");
            assertThat(chat.say("700 kr").text()).contains("avdrag à 700 kr");
        }

        @Test
        void instalmentsNotAllowedSaysSo() throws Exception {
            var chat = signedIn(DemoData.OLA, Language.EN);

            assertThat(chat.say("can I pay in instalments?").text()).contains("Sector Alarm").contains("can't be split");
        }

        @Test
        void balanceInquiryShowsClaimFeesAndWhatIsLeft() throws Exception {
            var chat = signedIn(DemoData.INGRID, Language.NB);

            var answer = chat.say("hvor mye skylder jeg?");
            assertThat(answer.text()).contains("Lyse").contains("2\u00A0800 kr");
        }

        @Test
        void complaintIsRegisteredAndHandedToAPerson() throws Exception {
            var chat = signedIn(DemoData.INGRID, Language.NB);

            var turn = chat.lastTurn(chat.send("jeg er uenig i dette kravet, det er feil"));
            assertThat(turn.state().handoff()).isEqualTo(HandoffStatus.QUEUED);
            assertThat(turn.replies().get(0).text()).contains("registrert");
            assertThat(demo.requests()).anySatisfy(r -> assertThat(r.caseId()).isEqualTo(DemoData.INSTALMENT_PLAN_CASE));
        }

        @Test
        void hardshipIsMetWarmlyAndGoesToAPerson() throws Exception {
            var chat = signedIn(DemoData.KARI, Language.NB);

            var turn = chat.lastTurn(chat.send("jeg har mistet jobben og klarer ikke å betale"));
            assertThat(turn.state().handoff()).isEqualTo(HandoffStatus.QUEUED);
            assertThat(turn.replies().get(0).text()).contains("gjeldsrådgiver");
        }

        @Test
        void anonymousDebtorsGetGeneralAnswersAndAreToldHowToSignIn() throws Exception {
            var chat = new Chat(bot.engine(), await(bot.engine().start(NewConversation.web(Language.NB, Optional.empty())))
                    .state().id());

            assertThat(chat.say("kopi av fakturaen").text()).contains("Logg inn med BankID");
            assertThat(chat.say("hva er telefonnummeret deres?").text()).contains("05550");
        }

        @Test
        void fraudCheckOnSmsSaysWhetherWeReallySentAReminder() throws Exception {
            var genuine = new Chat(bot.engine(), await(bot.engine().start(
                    NewConversation.sms(DemoData.KARI_PHONE, Optional.of(DemoData.TELENOR_CASE)))).state().id());
            assertThat(genuine.say("er denne meldingen ekte eller svindel?").text()).contains("Meldingen er fra oss")
                    .contains("Telenor").contains("TEL-4812-KN").contains("6. mars 2025");

            var unknown = new Chat(bot.engine(), await(bot.engine().start(
                    NewConversation.sms(DemoData.UNKNOWN_PHONE, Optional.empty()))).state().id());
            assertThat(unknown.say("er dette svindel?").text()).contains("ikke sendt");
        }

        @Test
        void smsReplyToAReminderIsUnderstoodInThatReminderCase() throws Exception {
            var chat = new Chat(bot.engine(), await(bot.engine().start(
                    NewConversation.sms(DemoData.KARI_PHONE, Optional.of(DemoData.ELKJOP_CASE)))).state().id());

            assertThat(chat.say("KOPI").text()).contains("Elkjøp");
        }

        @Test
        void caseApiDownIsSaidHonestlyAndTheConversationGoesOn() throws Exception {
            var chat = signedIn(DemoData.INGRID, Language.NB);
            faulty.fail(FaultyCaseApiServer.Fault.SERVER_ERROR);
            Turn down;
            try {
                down = chat.lastTurn(chat.send("hvor mye skylder jeg?"));
            } finally {
                faulty.heal();
            }
            assertThat(down.replies().get(0).text()).contains("får ikke hentet").contains("05550");
            assertThat(metrics.counter("nora.dialogue.case.api.unavailable").count()).isPositive();
        }

        @Test
        void aNumberInAMessageIsRemovedAndTheDebtorIsToldWhyOnce() throws Exception {
            var chat = signedIn(DemoData.KARI, Language.NB);

            var turn = chat.lastTurn(chat.send("hei, fnr 17912099997"));
            assertThat(turn.debtorMessage().text()).doesNotContain("17912099997").contains(Redactor.PLACEHOLDER);
            assertThat(turn.replies().get(0).text()).contains("fødselsnummeret");
            var again = chat.lastTurn(chat.send("kontonr 1234.56.78903"));
            assertThat(again.replies()).noneSatisfy(m -> assertThat(m.text()).contains("Jeg fjernet"));
        }

        @Test
        void aMessageThatOnlyHandsOverANumberIsNotTakenForARequest() throws Exception {
            var chat = signedIn(DemoData.KARI, Language.NB);

            var turn = chat.lastTurn(chat.send("fødselsnummeret mitt er 17912099997"));
            assertThat(turn.replies()).extracting(Message::text)
                    .containsExactly(turn.replies().get(0).text(), "Jeg trenger ikke nummeret for å hjelpe deg. Hva lurer du på?");
            assertThat(turn.state().handoff()).isEqualTo(HandoffStatus.BOT);
            assertThat(turn.state().misses()).isZero();
            assertThat(chat.say("kan jeg få kopi av fakturaen?").text()).contains("flere saker");
        }
    }

    /** One conversation, driven message by message. */
    static final class Chat {
        private final ConversationEngine engine;
        private final String id;

        Chat(ConversationEngine engine, String id) {
            this.engine = engine;
            this.id = id;
        }

        Future<Turn> send(String text) {
            return engine.receive(id, new Inbound(Optional.empty(), Redactor.redact(text)));
        }

        Turn lastTurn(Future<Turn> turn) throws Exception {
            return await(turn);
        }

        /** All the bot said in the turn, as one text, with the last reply's choices. */
        Message say(String text) throws Exception {
            var turn = await(send(text));
            assertThat(turn.replies()).as("replies to '%s'", text).isNotEmpty();
            var last = turn.replies().get(turn.replies().size() - 1);
            String all = turn.replies().stream().map(Message::text).collect(Collectors.joining("\n"));
            return new Message(last.id(), last.from(), all, last.choices(), last.at(), false);
        }
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static List<String> texts(List<Message> messages) {
        return messages.stream().map(Message::text).toList();
    }
}
