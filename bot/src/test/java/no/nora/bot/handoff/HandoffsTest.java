package no.nora.bot.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import no.nora.bot.Bot;
import no.nora.bot.Inbound;
import no.nora.bot.NewConversation;
import no.nora.bot.Turn;
import no.nora.bot.conversation.Author;
import no.nora.bot.conversation.Channel;
import no.nora.bot.conversation.Message;
import no.nora.bot.live.ConversationEvents;
import no.nora.bot.testing.EventFeed;
import no.nora.bot.testing.RedisModes;
import no.nora.bot.testing.TestRedis;
import no.nora.intents.IntentClassifier;
import no.nora.intents.Language;
import no.nora.redact.Redactor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
class HandoffsTest {
    private static final IntentClassifier CLASSIFIER = IntentClassifier.load();
    private static final Agent KARI = new Agent("kari", "Kari Nordmann", Agent.Role.AGENT);
    private static final Agent OLA = new Agent("ola", "Ola Hansen", Agent.Role.AGENT);
    private static final Agent SIRI = new Agent("siri", "Siri Berg", Agent.Role.SUPERVISOR);

    private final List<Bot> bots = new ArrayList<>();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @AfterEach
    void stop() throws Exception {
        for (Bot bot : bots) {
            await(bot.stop());
        }
    }

    private Bot bot(Vertx vertx, String store, HandoffSettings handoffs) throws Exception {
        var base = RedisModes.settings(store);
        return bot(vertx, base.withHandoffs(handoffs));
    }

    private Bot bot(Vertx vertx, Bot.Settings settings) throws Exception {
        // One registry per bot, as in a gateway; the first bot's is the one the tests read.
        var registry = bots.isEmpty() ? metrics : new SimpleMeterRegistry();
        var bot = await(Bot.start(vertx, settings, CLASSIFIER, null, registry));
        bots.add(bot);
        return bot;
    }

    private static HandoffSettings always() {
        return HandoffSettings.defaults().withHours(OpeningHours.always());
    }

    /** Two misunderstood messages in a row hand the conversation over (no case API needed). */
    private static String queued(Bot bot, NewConversation conversation) throws Exception {
        var id = await(bot.engine().start(conversation)).state().id();
        say(bot, id, "blå elefanter danser");
        var turn = say(bot, id, "månen er av ost");
        assertThat(turn.state().handoff()).isEqualTo(HandoffStatus.QUEUED);
        return id;
    }

    private static Turn say(Bot bot, String id, String text) throws Exception {
        return await(bot.engine().receive(id, new Inbound(Optional.empty(), Redactor.redact(text))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis", "sentinel", "cluster"})
    void aHandoffQueuesOnceTellsTheDebtorAndTheBotAcknowledgesTheNextMessageOnceOnly(String store, Vertx vertx)
            throws Exception {
        var bot = bot(vertx, store, always());
        var id = queued(bot, NewConversation.web(Language.NB, Optional.empty()));

        var again = say(bot, id, "hallo? noen der?");
        var andAgain = say(bot, id, "jeg venter");
        var state = await(bot.engine().find(id)).orElseThrow();
        var repeated = await(bot.handoffs().request(state, HandoffReason.REQUESTED, state));

        assertThat(again.replies()).extracting(Message::text).singleElement().asString()
                .contains("meldingen din er med").contains("venter i køen");
        assertThat(andAgain.replies()).isEmpty();
        assertThat(repeated.notices()).isEmpty();
        assertThat(await(bot.handoffs().queue(KARI))).filteredOn(e -> e.conversationId().equals(id)).hasSize(1);
        assertThat(metrics.counter("nora.handoffs", "reason", "not_understood").count()).isEqualTo(1.0);
        assertThat(transcript(bot, id, false)).extracting(Message::text)
                .contains("Du står nå i kø. En av oss svarer deg her så snart vi kan.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void whoHadItReadsItAfterwards_aTransferTellsTheDebtor_andEndingsCountForTheFigures(String store, Vertx vertx)
            throws Exception {
        var bot = bot(vertx, store, always());
        var before = await(bot.handoffs().figures(1)).days().get(0);
        var released = queued(bot, NewConversation.web(Language.NB, Optional.of("d-1001")));
        var transferred = queued(bot, NewConversation.web(Language.NB, Optional.of("d-1001")));
        await(bot.handoffs().claim(released, KARI));
        await(bot.handoffs().say(released, KARI, Redactor.redact("Hei!"), false));
        await(bot.handoffs().release(released, KARI));

        // Kari may still read what she handed back; Ola, who never had it, may not.
        assertThat(await(bot.handoffs().details(released, KARI)).state().handoff()).isEqualTo(HandoffStatus.BOT);
        assertThat(bot.handoffs().details(released, OLA).toCompletionStage().toCompletableFuture())
                .failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingCause().isInstanceOf(HandoffForbidden.class);

        await(bot.handoffs().claim(transferred, KARI));
        await(bot.handoffs().transfer(transferred, KARI, Optional.of(OLA)));
        assertThat(await(bot.engine().find(transferred)).orElseThrow().agentId()).contains("ola");
        assertThat(transcript(bot, transferred, false)).extracting(Message::text)
                .contains("Du snakker nå med Ola fra kundesenteret.");
        await(bot.handoffs().transfer(transferred, OLA, Optional.empty()));
        assertThat(await(bot.handoffs().waiting())).extracting(QueueEntry::conversationId).contains(transferred);
        await(bot.handoffs().claim(transferred, OLA));
        await(bot.handoffs().close(transferred, OLA, HandoffOutcome.PLAN_AGREED));

        var ended = await(bot.handoffs().recentlyEnded(SIRI));
        assertThat(ended).extracting(QueueEntry::conversationId).startsWith(transferred, released);
        assertThat(await(bot.handoffs().recentlyEnded(KARI))).extracting(QueueEntry::conversationId)
                .contains(released).doesNotContain(transferred);
        // The same debtor's earlier conversation, found by a key of letters.
        assertThat(await(bot.handoffs().earlier(ended.get(0)))).extracting(QueueEntry::conversationId)
                .containsExactly(released);

        var today = await(bot.handoffs().figures(1)).days().get(0);
        for (var figure : List.of("outcome.released", "outcome.plan_agreed", "reply.le1m")) {
            assertThat(today.counts().getOrDefault(figure, 0L) - before.counts().getOrDefault(figure, 0L))
                    .as(figure).isEqualTo(1);
        }
        assertThat(today.started() - before.started()).isEqualTo(2);
        assertThat(today.handoffs().get("not_understood") - before.handoffs().getOrDefault("not_understood", 0L))
                .isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis", "sentinel", "cluster"})
    void hardshipAndComplaintsComeFirstThenWhoWaitedLongest(String store, Vertx vertx) throws Exception {
        var settings = RedisModes.settings(store);
        var bot = bot(vertx, new Bot.Settings(settings.redis(), settings.retention(), new SteppingClock())
                .withHandoffs(always()));
        var first = requested(bot, HandoffReason.REQUESTED);
        var second = requested(bot, HandoffReason.NOT_UNDERSTOOD);
        var hardship = requested(bot, HandoffReason.HARDSHIP);
        var complaint = requested(bot, HandoffReason.COMPLAINT);

        var order = await(bot.handoffs().queue(KARI)).stream().map(QueueEntry::conversationId)
                .filter(List.of(first, second, hardship, complaint)::contains).toList();

        assertThat(order).containsExactly(hardship, complaint, first, second);
    }

    private static String requested(Bot bot, HandoffReason reason) throws Exception {
        var state = await(bot.engine().start(NewConversation.web(Language.NB, Optional.empty()))).state();
        var handover = await(bot.handoffs().request(state, reason, state));
        await(bot.engine().store().save(handover.state()));
        return state.id();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis", "sentinel", "cluster"})
    void twoAgentsClaimingAtOnceOnlyOneWins(String store, Vertx vertx) throws Exception {
        var bot = bot(vertx, store, always());
        var id = queued(bot, NewConversation.web(Language.NB, Optional.empty()));

        var kari = bot.handoffs().claim(id, KARI);
        var ola = bot.handoffs().claim(id, OLA);
        await(Future.join(kari, ola).otherwiseEmpty());

        assertThat(List.of(kari.succeeded(), ola.succeeded())).containsExactlyInAnyOrder(true, false);
        var loser = kari.succeeded() ? ola : kari;
        assertThat(loser.cause()).isInstanceOf(HandoffRefused.class);
        var winner = kari.succeeded() ? KARI : OLA;
        assertThat(await(bot.engine().find(id)).orElseThrow().agentId()).contains(winner.id());
        assertThat(await(bot.handoffs().claim(id, winner)).agentId()).contains(winner.id());
        assertThat(transcript(bot, id, false)).extracting(Message::text)
                .containsOnlyOnce("Du snakker nå med " + winner.firstName() + " fra kundesenteret.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis", "sentinel", "cluster"})
    void anAgentAnswersWritesPrivateNotesAndReleasesBackToTheBot(String store, Vertx vertx) throws Exception {
        var bot = bot(vertx, store, always());
        var id = queued(bot, NewConversation.web(Language.NB, Optional.empty()));
        var events = collect(bot, ConversationEvents.conversation(id));
        await(bot.handoffs().claim(id, KARI));

        await(bot.handoffs().say(id, KARI, Redactor.redact("Hei, jeg ser på saken din nå."), false));
        await(bot.handoffs().say(id, KARI, Redactor.redact("Kunden virker stresset, konto 12345678901"), true));
        var whileAssigned = say(bot, id, "takk skal du ha");
        await(bot.handoffs().release(id, KARI));
        await(bot.handoffs().release(id, KARI)); // harmless

        var debtorSees = transcript(bot, id, false);
        assertThat(whileAssigned.replies()).isEmpty();
        assertThat(debtorSees).filteredOn(m -> m.from() == Author.AGENT).extracting(Message::text)
                .containsExactly("Hei, jeg ser på saken din nå.");
        assertThat(debtorSees).extracting(Message::text)
                .contains("Kari har gått ut av samtalen. Nå svarer Nora deg igjen.");
        var agentsSee = transcript(bot, id, true);
        assertThat(agentsSee).filteredOn(Message::internal).singleElement()
                .satisfies(m -> assertThat(m.text()).doesNotContain("12345678901").startsWith("Kunden virker"));
        assertThat(await(bot.engine().find(id)).orElseThrow().handoff()).isEqualTo(HandoffStatus.BOT);
        assertThat(say(bot, id, "hei").replies()).isNotEmpty();
        events.await(e -> "bot".equals(e.getString("status")));
        assertThat(events.all()).filteredOn(e -> "message".equals(e.getString("type")))
                .noneMatch(e -> e.getJsonObject("message").getBoolean("internal", false));
        assertThat(metrics.timer("nora.handoff.first.reply").count()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis", "sentinel", "cluster"})
    void anAgentSeesTheQueueAndTheirOwnConversationsASupervisorSeesAll(String store, Vertx vertx) throws Exception {
        var bot = bot(vertx, store, always());
        var id = queued(bot, NewConversation.web(Language.NB, Optional.empty()));
        await(bot.handoffs().claim(id, KARI));

        assertThat(await(bot.handoffs().queue(KARI))).extracting(QueueEntry::conversationId).contains(id);
        assertThat(await(bot.handoffs().queue(OLA))).extracting(QueueEntry::conversationId).doesNotContain(id);
        assertThat(await(bot.handoffs().queue(SIRI))).extracting(QueueEntry::conversationId).contains(id);
        assertThat(failure(bot.handoffs().details(id, OLA))).isInstanceOf(HandoffForbidden.class);
        assertThat(failure(bot.handoffs().say(id, OLA, Redactor.redact("hei"), false))).isInstanceOf(HandoffForbidden.class);
        assertThat(await(bot.handoffs().details(id, SIRI)).transcript()).isNotEmpty();
        await(bot.handoffs().close(id, SIRI, HandoffOutcome.RESOLVED));
        assertThat(await(bot.engine().find(id)).orElseThrow().handoff()).isEqualTo(HandoffStatus.CLOSED);
        assertThat(failure(bot.handoffs().release(id, KARI))).isInstanceOf(HandoffRefused.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis", "sentinel", "cluster"})
    void nobodyInTimeExpiresTheHandoffAndTheDebtorMayLeaveAMessage(String store, Vertx vertx) throws Exception {
        var bot = bot(vertx, store, always().withQueueTimeout(Duration.ofMillis(200)).withScanEvery(Duration.ofMillis(50)));
        var id = await(bot.engine().start(NewConversation.web(Language.NB, Optional.empty()))).state().id();
        var events = collect(bot, ConversationEvents.conversation(id));
        say(bot, id, "blå elefanter danser");
        say(bot, id, "månen er av ost");

        events.await(e -> "expired".equals(e.getString("status")));
        var left = say(bot, id, "Ring meg i morgen om avdrag");

        assertThat(transcript(bot, id, false)).extracting(Message::text).anyMatch(t -> t.contains("05550"));
        assertThat(left.state().handoff()).isEqualTo(HandoffStatus.QUEUED);
        assertThat(left.replies()).extracting(Message::text)
                .containsExactly("Takk! Meldingen din ligger i køen vår, og vi svarer deg her så snart vi kan.");
        var entry = await(bot.handoffs().queue(KARI)).stream().filter(e -> e.conversationId().equals(id)).findFirst();
        assertThat(entry).hasValueSatisfying(e -> {
            assertThat(e.leftMessage()).isTrue();
            assertThat(e.reason()).isEqualTo(HandoffReason.NOT_UNDERSTOOD);
        });
        // At least this one: on a shared store, deadlines that earlier tests left behind fall due here too.
        assertThat(metrics.counter("nora.handoff.expired").count()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void aDeadlineInRedisFiresOnAnotherInstanceAfterTheFirstStopped(Vertx vertx) throws Exception {
        var redis = Bot.Settings.redis(TestRedis.shared().url());
        // The first instance never scans: only the second can fire the deadline.
        var first = bot(vertx, redis.withHandoffs(always().withQueueTimeout(Duration.ofMillis(300))
                .withScanEvery(Duration.ofHours(1))));
        var id = queued(first, NewConversation.web(Language.NB, Optional.empty()));
        await(first.stop());
        bots.remove(first);

        var second = bot(vertx, redis.withHandoffs(always().withScanEvery(Duration.ofMillis(50))));
        assertThat(await(second.handoffs().queue(KARI))).extracting(QueueEntry::conversationId).contains(id);
        var events = collect(second, ConversationEvents.conversation(id));

        events.await(e -> "expired".equals(e.getString("status")));
        assertThat(await(second.engine().find(id)).orElseThrow().handoff()).isEqualTo(HandoffStatus.EXPIRED);
        assertThat(await(second.handoffs().queue(KARI))).extracting(QueueEntry::conversationId).doesNotContain(id);
    }

    @Test
    void outsideOpeningHoursTheDebtorHearsWhenWeAreBackAndTheMessageWaits(Vertx vertx) throws Exception {
        var saturdayAfternoon = LocalDateTime.of(2026, 3, 7, 16, 0).atZone(OpeningHours.OSLO).toInstant();
        var settings = new Bot.Settings(Optional.empty(), Duration.ofDays(30), Clock.fixed(saturdayAfternoon, ZoneOffset.UTC))
                .withHandoffs(HandoffSettings.defaults().withQueueTimeout(Duration.ofMillis(1)).withScanEvery(Duration.ofMillis(20)));
        var bot = bot(vertx, settings);
        var id = await(bot.engine().start(NewConversation.web(Language.NB, Optional.empty()))).state().id();
        say(bot, id, "blå elefanter danser");
        var turn = say(bot, id, "månen er av ost");

        assertThat(turn.replies()).extracting(Message::text).contains("Kundesenteret er stengt nå. Vi er tilbake mandag"
                + " kl. 08. Du kan ringe oss på 05550 da, eller skrive meldingen din her – den venter i køen til vi er tilbake.");
        var entry = await(bot.handoffs().queue(KARI)).stream().filter(e -> e.conversationId().equals(id)).findFirst();
        assertThat(entry).hasValueSatisfying(e -> assertThat(e.leftMessage()).isTrue());
        // No deadline: a later turn sees it still queued.
        assertThat(say(bot, id, "Jeg trenger hjelp med betalingen").state().handoff()).isEqualTo(HandoffStatus.QUEUED);
    }

    @Test
    void anSmsDebtorGetsTheAgentsMessagesThroughTheChannelsDelivery(Vertx vertx) throws Exception {
        var bot = bot(vertx, "memory", always());
        var delivered = new ArrayList<Message>();
        bot.handoffs().deliverOn(Channel.SMS, (state, message) -> {
            assertThat(state.channel()).isEqualTo(Channel.SMS);
            delivered.add(message);
            return Future.succeededFuture();
        });
        var id = queued(bot, NewConversation.sms("+4791234567", Optional.empty()));

        await(bot.handoffs().claim(id, KARI));
        await(bot.handoffs().say(id, KARI, Redactor.redact("Hei, dette er Kari."), false));
        await(bot.handoffs().say(id, KARI, Redactor.redact("notat"), true));
        await(bot.handoffs().close(id, KARI, HandoffOutcome.RESOLVED));

        assertThat(delivered).extracting(Message::text).containsExactly(
                "Du snakker nå med Kari fra kundesenteret.", "Hei, dette er Kari.",
                "Kari har avsluttet samtalen. Skriv gjerne igjen hvis du lurer på noe mer.");
    }

    // ---- helpers ----

    /** A clock a second further on at every reading, so queue times differ without waiting. */
    static final class SteppingClock extends Clock {
        private final java.util.concurrent.atomic.AtomicLong seconds =
                new java.util.concurrent.atomic.AtomicLong(java.time.Instant.parse("2026-03-10T10:00:00Z").getEpochSecond());

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.ofEpochSecond(seconds.incrementAndGet());
        }
    }

    private static List<Message> transcript(Bot bot, String id, boolean internal) throws Exception {
        return await(bot.engine().transcript(id, Optional.empty(), internal));
    }

    private static EventFeed collect(Bot bot, String topic) throws Exception {
        var events = new EventFeed();
        await(bot.engine().events().subscribe(topic, events::add).ready());
        return events;
    }

    private static Throwable failure(Future<?> future) throws Exception {
        try {
            future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("Expected a failure");
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

}
