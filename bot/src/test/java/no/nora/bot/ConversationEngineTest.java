package no.nora.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import no.nora.bot.conversation.Author;
import no.nora.bot.conversation.Message;
import no.nora.bot.handoff.HandoffStatus;
import no.nora.bot.testing.RedisModes;
import no.nora.bot.testing.TestRedis;
import no.nora.intents.IntentClassifier;
import no.nora.intents.Language;
import no.nora.redact.Redactor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
class ConversationEngineTest {
    private Bot bot;

    private ConversationEngine engine(Vertx vertx, String store) throws Exception {
        bot = await(Bot.start(vertx, RedisModes.settings(store), IntentClassifier.load(), null, new SimpleMeterRegistry()));
        return bot.engine();
    }

    @AfterEach
    void stop() throws Exception {
        if (bot != null) {
            await(bot.stop());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis", "sentinel", "cluster"})
    void webChatOpensWithWelcomeAndPrivacyNotice(String store, Vertx vertx) throws Exception {
        var engine = engine(vertx, store);
        var started = await(engine.start(NewConversation.web(Language.NB, Optional.empty())));

        assertThat(started.messages()).extracting(Message::from).containsExactly(Author.BOT, Author.SYSTEM);
        assertThat(started.messages().get(1).text()).contains("fødselsnummeret");
        assertThat(await(engine.transcript(started.state().id(), Optional.empty(), false))).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis", "sentinel", "cluster"})
    void eachMessageOfATurnIsAnnouncedOnceInOrder(String store, Vertx vertx) throws Exception {
        var engine = engine(vertx, store);
        var started = await(engine.start(NewConversation.web(Language.NB, Optional.empty())));
        var id = started.state().id();
        var before = started.messages().stream().map(Message::id).toList();
        var heard = new java.util.concurrent.LinkedBlockingQueue<String>();
        // On a cluster, an event published before the subscription (on another node) may still arrive after it;
        // clients drop what they have already seen, by id.
        var subscription = engine.events().subscribe(no.nora.bot.live.ConversationEvents.conversation(id), event -> {
            String messageId = event.getJsonObject("message").getString("id");
            if (!before.contains(messageId)) {
                heard.add(messageId);
            }
        });
        await(subscription.ready());

        var turn = await(engine.receive(id, new Inbound(Optional.of("c-1"), Redactor.redact("hei"))));
        var expected = new java.util.ArrayList<String>();
        expected.add(turn.debtorMessage().id());
        turn.replies().forEach(reply -> expected.add(reply.id()));
        var announced = new java.util.ArrayList<String>();
        for (int i = 0; i < expected.size(); i++) {
            announced.add(heard.poll(10, TimeUnit.SECONDS));
        }
        assertThat(announced).isEqualTo(expected);
        // Nothing announced twice: a further turn's first event is that turn's own message.
        var next = await(engine.receive(id, new Inbound(Optional.of("c-2"), Redactor.redact("takk"))));
        assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo(next.debtorMessage().id());
        subscription.cancel();
    }

    @org.junit.jupiter.api.Test
    void anSmsTurnHoldsItsConversationUntilItsReplyIsDelivered(Vertx vertx) throws Exception {
        var engine = engine(vertx, "redis");
        var id = await(engine.start(NewConversation.web(Language.NB, Optional.empty()))).state().id();
        var redis = io.vertx.redis.client.Redis.createClient(vertx, TestRedis.shared().connectionString());
        var lockedWhileDelivering = new java.util.concurrent.atomic.AtomicBoolean();

        await(engine.receive(id, new Inbound(Optional.of("c-1"), Redactor.redact("hei")), turn -> redis.send(
                        io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.EXISTS)
                                .arg(no.nora.bot.redis.TurnLocks.lockKey(id)))
                .onSuccess(exists -> lockedWhileDelivering.set(exists.toInteger() == 1))));
        assertThat(lockedWhileDelivering).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis", "sentinel", "cluster"})
    void aRepeatedClientMessageIdIsAnsweredWithoutASecondTurn(String store, Vertx vertx) throws Exception {
        var engine = engine(vertx, store);
        var id = await(engine.start(NewConversation.web(Language.NB, Optional.empty()))).state().id();
        var inbound = new Inbound(Optional.of("client-1"), Redactor.redact("hei"));

        var first = await(engine.receive(id, inbound));
        var again = await(engine.receive(id, inbound));

        assertThat(first.repeated()).isFalse();
        assertThat(again.repeated()).isTrue();
        assertThat(again.debtorMessage().id()).isEqualTo(first.debtorMessage().id());
        assertThat(again.replies()).extracting(Message::id).isEqualTo(first.replies().stream().map(Message::id).toList());
        assertThat(await(engine.transcript(id, Optional.empty(), false))).hasSize(2 + 1 + first.replies().size());
    }

    /** Issue 18: the client's message id was stored as it came, as a field of {conv:ID}:t. */
    @org.junit.jupiter.api.Test
    void aClientMessageIdHoldingANumberIsNotStoredButStillRecognised(Vertx vertx) throws Exception {
        var engine = engine(vertx, "redis");
        var id = await(engine.start(NewConversation.web(Language.NB, Optional.empty()))).state().id();
        var inbound = new Inbound(Optional.of("17912099997"), Redactor.redact("hei"));

        var first = await(engine.receive(id, inbound));
        var again = await(engine.receive(id, inbound));

        assertThat(again.repeated()).isTrue();
        assertThat(again.debtorMessage().id()).isEqualTo(first.debtorMessage().id());
        var redis = io.vertx.redis.client.Redis.createClient(vertx, TestRedis.shared().connectionString());
        var turns = await(redis.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.HKEYS)
                .arg("{conv:" + id + "}:t")));
        assertThat(turns.size()).isEqualTo(1);
        assertThat(Redactor.containsForbiddenRun(turns.get(0).toString())).as(turns.get(0).toString()).isFalse();
        await(redis.close());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis", "sentinel", "cluster"})
    void concurrentMessagesOfOneConversationAreHandledOneAtATimeInOrder(String store, Vertx vertx) throws Exception {
        var engine = engine(vertx, store);
        var id = await(engine.start(NewConversation.web(Language.NB, Optional.empty()))).state().id();

        List<Future<Turn>> turns = IntStream.range(0, 20)
                .mapToObj(i -> engine.receive(id, new Inbound(Optional.of("m" + i), Redactor.redact("hei nummer " + i))))
                .toList();
        await(Future.all(turns));

        var debtorTexts = await(engine.transcript(id, Optional.empty(), false)).stream()
                .filter(m -> m.from() == Author.DEBTOR).map(Message::text).toList();
        assertThat(debtorTexts).containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "hei nummer " + i).toList());
        // Each debtor message is followed directly by its own reply: turns never interleave.
        var transcript = await(engine.transcript(id, Optional.empty(), false));
        for (int i = 2; i < transcript.size(); i += 2) {
            assertThat(transcript.get(i).from()).isEqualTo(Author.DEBTOR);
            assertThat(transcript.get(i + 1).from()).isEqualTo(Author.BOT);
        }
    }

    @org.junit.jupiter.api.Test
    void messagesRacingOnTwoInstancesAreHandledOneAtATimeEachSeeingTheTurnBefore(Vertx vertx) throws Exception {
        var here = engine(vertx, "redis");
        var otherBot = await(Bot.start(vertx, Bot.Settings.redis(TestRedis.shared().url()), IntentClassifier.load(), null,
                new SimpleMeterRegistry()));
        try {
            var there = otherBot.engine();
            var id = await(here.start(NewConversation.web(Language.NB, Optional.empty()))).state().id();

            // Misunderstood messages count up in the conversation's state: a turn that read the state before the
            // previous turn had stored it would count one too few, and a person would be asked for later or never.
            List<Future<Turn>> turns = IntStream.range(0, 10)
                    .mapToObj(i -> (i % 2 == 0 ? here : there).receive(id,
                            new Inbound(Optional.of("m" + i), Redactor.redact("blå elefanter " + i))))
                    .toList();
            await(Future.join(turns));

            var transcript = await(here.transcript(id, Optional.empty(), false));
            var debtorTexts = transcript.stream().filter(m -> m.from() == Author.DEBTOR).map(Message::text).toList();
            assertThat(debtorTexts).hasSize(10);
            var handedOver = turns.stream().map(Future::result)
                    .filter(turn -> turn.state().handoff() == HandoffStatus.QUEUED).count();
            assertThat(handedOver).as("turns after the second misunderstood one").isEqualTo(9);
            assertThat(await(there.find(id)).orElseThrow().handoff()).isEqualTo(HandoffStatus.QUEUED);
        } finally {
            await(otherBot.stop());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis", "sentinel", "cluster"})
    void twoMisunderstoodMessagesInARowQueueTheConversationForAPerson(String store, Vertx vertx) throws Exception {
        var engine = engine(vertx, store);
        var id = await(engine.start(NewConversation.web(Language.NB, Optional.empty()))).state().id();

        var first = await(engine.receive(id, new Inbound(Optional.empty(), Redactor.redact("blå elefanter danser"))));
        var second = await(engine.receive(id, new Inbound(Optional.empty(), Redactor.redact("månen er av ost"))));

        assertThat(first.state().handoff()).isEqualTo(HandoffStatus.BOT);
        assertThat(second.state().handoff()).isEqualTo(HandoffStatus.QUEUED);
        assertThat(second.replies().get(0).text()).contains("kundesenteret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis", "sentinel", "cluster"})
    void aNumberSplitOverTwoMessagesIsRemovedFromBoth(String store, Vertx vertx) throws Exception {
        var engine = engine(vertx, store);
        var id = await(engine.start(NewConversation.web(Language.NB, Optional.empty()))).state().id();

        await(engine.receive(id, new Inbound(Optional.empty(), Redactor.redact("fnr 179120"))));
        var second = await(engine.receive(id, new Inbound(Optional.empty(), Redactor.redact("99997 takk"))));

        var debtorTexts = await(engine.transcript(id, Optional.empty(), false)).stream()
                .filter(m -> m.from() == Author.DEBTOR).map(Message::text).toList();
        assertThat(debtorTexts).containsExactly("fnr " + Redactor.PLACEHOLDER, Redactor.PLACEHOLDER + " takk");
        assertThat(second.replies().get(0).text()).contains("fødselsnummeret");
    }

    /** Issue 18: only four earlier messages were looked at, so a number typed a digit at a time was stored whole. */
    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aNumberTypedOneDigitPerMessageIsRemovedFromEveryMessage(String store, Vertx vertx) throws Exception {
        var engine = engine(vertx, store);
        var id = await(engine.start(NewConversation.web(Language.NB, Optional.empty()))).state().id();
        var feed = new no.nora.bot.testing.EventFeed();
        var subscription = engine.events().subscribe(no.nora.bot.live.ConversationEvents.conversation(id), feed::add);
        await(subscription.ready());

        for (String digit : "1 7 9 1 2 0 9 9 9 9 7".split(" ")) {
            await(engine.receive(id, new Inbound(Optional.empty(), Redactor.redact(digit))));
        }

        var debtor = await(engine.transcript(id, Optional.empty(), false)).stream()
                .filter(m -> m.from() == Author.DEBTOR).toList();
        var texts = debtor.stream().map(Message::text).toList();
        assertThat(Redactor.containsForbiddenRun(String.join("\n", texts))).as("stored: %s", texts).isFalse();
        assertThat(texts.subList(0, 7)).as("the first seven digits make the number").containsOnly(Redactor.PLACEHOLDER);
        // Agents watching see the earliest digit taken out as it happens.
        var updated = feed.await(e -> "message-updated".equals(e.getString("type"))
                && debtor.get(0).id().equals(e.getJsonObject("message").getString("id")));
        assertThat(updated.getJsonObject("message").getString("text")).isEqualTo(Redactor.PLACEHOLDER);
        subscription.cancel();
    }

    /** Issue 18: what the case API returns went out as it came, to the web, the store and agents. */
    @org.junit.jupiter.api.Test
    void aReferenceFromTheCaseApiHoldingANumberIsNotShown(Vertx vertx) throws Exception {
        var debtCase = new no.nora.bot.caseapi.DebtCase("c-1", "d-1", "Telenor Norge AS", "KID 20241105001235",
                new java.math.BigDecimal("1000.00"), java.math.BigDecimal.ZERO, new java.math.BigDecimal("1000.00"),
                "NOK", java.time.LocalDate.parse("2026-12-15"), no.nora.bot.caseapi.CaseStatus.OPEN,
                new no.nora.bot.caseapi.CaseRules(true, new java.math.BigDecimal("200.00"), 12,
                        java.time.LocalDate.parse("2027-01-15")), java.util.Optional.empty(), java.util.Optional.empty());
        var caseApi = (no.nora.bot.caseapi.CaseApi) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {no.nora.bot.caseapi.CaseApi.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "casesForDebtor" -> Future.succeededFuture(List.of(debtCase));
                    case "debtCase" -> Future.succeededFuture(debtCase);
                    case "payments" -> Future.succeededFuture(List.of());
                    default -> Future.failedFuture(new UnsupportedOperationException(method.getName()));
                });
        bot = await(Bot.start(vertx, Bot.Settings.inMemory(), IntentClassifier.load(), caseApi, new SimpleMeterRegistry()));
        var id = await(bot.engine().start(NewConversation.web(Language.NB, Optional.of("d-1")))).state().id();

        var turn = await(bot.engine().receive(id, new Inbound(Optional.empty(), Redactor.redact("hva er saldoen min?"))));

        assertThat(turn.replies()).isNotEmpty();
        assertThat(turn.replies().get(0).text()).contains("Telenor").contains("KID " + Redactor.PLACEHOLDER);
        assertThat(await(bot.engine().transcript(id, Optional.empty(), true)))
                .noneMatch(m -> Redactor.containsForbiddenRun(m.text()));
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
