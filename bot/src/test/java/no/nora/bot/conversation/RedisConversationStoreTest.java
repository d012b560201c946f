package no.nora.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import no.nora.bot.handoff.HandoffStatus;
import no.nora.bot.testing.TestRedis;
import no.nora.intents.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisConversationStoreTest {
    private final Vertx vertx = Vertx.vertx();
    private final Redis redis = Redis.createClient(vertx, TestRedis.shared().connectionString());
    private final RedisConversationStore store = new RedisConversationStore(redis, Duration.ofDays(30));

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
    }

    @Test
    void everyPartOfTheStateComesBackAsItWasSaved() throws Exception {
        var full = new ConversationState(Ids.conversationId(), Channel.SMS, Language.NN, Optional.of("d-1001"),
                Optional.of("+4795123456"), Optional.of("C-2001"), Optional.of("instalment_plan"),
                Map.of("step", "confirm", "amount", "500", "note", "«ja» – \"takk\""), HandoffStatus.ASSIGNED,
                Optional.of("agent-7"), 2, true, "tokenhash", Instant.parse("2026-11-20T08:15:30.123Z"),
                Optional.of("m-last"));
        var bare = ConversationState.start(Ids.conversationId(), Channel.WEB, Language.EN, Optional.empty(),
                Optional.empty(), Optional.empty(), "tokenhash", Instant.parse("2026-11-20T08:15:30Z"));

        for (var state : List.of(full, bare)) {
            await(store.save(state));
            assertThat(await(store.find(state.id()))).contains(state);
            assertThat(await(store.startTurn(state.id(), Optional.empty()))).map(TurnStart::state).contains(state);
        }
        // The phone number is not kept as digits.
        String stored = await(redis.send(Request.cmd(Command.GET).arg(RedisConversationStore.stateKey(full.id()))))
                .toString();
        assertThat(stored).contains("\"phone\"").doesNotContain("95123456").doesNotContain("4795");
    }

    /** Issue 18: a My Page token's subject may be a national identity number; it was stored as it came. */
    @Test
    void aSignedInDebtorIsKeptWithoutItsDigits() throws Exception {
        var state = ConversationState.start(Ids.conversationId(), Channel.WEB, Language.NB, Optional.of("17912099997"),
                Optional.empty(), Optional.empty(), "tokenhash", Instant.parse("2026-11-20T08:15:30Z"));
        await(store.save(state));

        String stored = await(redis.send(Request.cmd(Command.GET).arg(RedisConversationStore.stateKey(state.id()))))
                .toString();
        assertThat(no.nora.redact.Redactor.containsForbiddenRun(stored)).as(stored).isFalse();
        // The case API still gets the debtor as the token named them.
        assertThat(await(store.find(state.id())).orElseThrow().debtorId()).contains("17912099997");
    }

    @Test
    void aCommitThatClosesItsTurnReleasesOnlyTheLockItHolds() throws Exception {
        var state = ConversationState.start(Ids.conversationId(), Channel.WEB, Language.NB, Optional.empty(),
                Optional.empty(), Optional.empty(), "tokenhash", Instant.parse("2026-11-20T08:15:30Z"));
        String lock = no.nora.bot.redis.TurnLocks.lockKey(state.id());
        var said = List.of(Message.of("m-1", Author.DEBTOR, "hei", List.of(), Instant.parse("2026-11-20T08:16:00Z")));
        var event = List.of(new io.vertx.core.json.JsonObject().put("type", "message"));

        // Ours: released with the writes, and the turn order told it has nothing left to release.
        await(redis.send(Request.cmd(Command.SET).arg(lock).arg("ours")));
        var hold = new TurnHold(Optional.of("ours"));
        assertThat(await(store.commitTurn(state, said, Optional.of("c-1"), new TurnClose("t", event, Optional.of(hold)))))
                .isTrue();
        assertThat(exists(lock)).isFalse();
        assertThat(hold.released()).isTrue();
        assertThat(await(store.transcript(state.id()))).extracting(Message::text).containsExactly("hei");

        // Expired and taken by another turn meanwhile: left to that turn.
        await(redis.send(Request.cmd(Command.SET).arg(lock).arg("theirs")));
        await(store.commitTurn(state, said, Optional.of("c-2"),
                new TurnClose("t", event, Optional.of(new TurnHold(Optional.of("ours"))))));
        assertThat(await(redis.send(Request.cmd(Command.GET).arg(lock))).toString()).isEqualTo("theirs");

        // A turn that goes on after its commit (an SMS reply to send) keeps its lock.
        await(redis.send(Request.cmd(Command.SET).arg(lock).arg("ours")));
        await(store.commitTurn(state, said, Optional.of("c-3"), new TurnClose("t", event, Optional.empty())));
        assertThat(await(redis.send(Request.cmd(Command.GET).arg(lock))).toString()).isEqualTo("ours");
    }

    private boolean exists(String key) throws Exception {
        return await(redis.send(Request.cmd(Command.EXISTS).arg(key))).toInteger() == 1;
    }

    @Test
    void aConversationSavedByTheFormerVersionCarriesOnInTheNewForm() throws Exception {
        String id = Ids.conversationId();
        // As the version before 2026-11 wrote it: a hash of every field, empty ones included.
        var hset = Request.cmd(Command.HSET).arg(RedisConversationStore.formerStateKey(id));
        Map.ofEntries(Map.entry("ch", "web"), Map.entry("lang", "nb"), Map.entry("debtor", "d-1002"),
                Map.entry("phone", ""), Map.entry("case", ""), Map.entry("task", "invoice_copy"),
                Map.entry("slots", "{\"step\":\"choose_case\"}"), Map.entry("handoff", "bot"), Map.entry("agent", ""),
                Map.entry("misses", "1"), Map.entry("notice", "1"), Map.entry("tok", "tokenhash"),
                Map.entry("at", DigitFree.count(Instant.parse("2026-11-01T10:00:00Z").toEpochMilli())),
                Map.entry("last", "")).forEach((k, v) -> hset.arg(k).arg(v));
        await(redis.send(hset));

        var start = await(store.startTurn(id, Optional.of("client-1"))).orElseThrow();
        assertThat(start.state().debtorId()).contains("d-1002");
        assertThat(start.state().task()).contains("invoice_copy");
        assertThat(start.state().slots()).containsEntry("step", "choose_case");
        assertThat(start.state().misses()).isEqualTo(1);
        assertThat(start.state().redactionNoticeGiven()).isTrue();
        assertThat(start.state().createdAt()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(start.state().caseId()).isEmpty();

        var next = start.state().withTask(Optional.empty(), Map.of());
        await(store.commitTurn(next, List.of(), Optional.empty()));
        assertThat(await(store.find(id))).contains(next);
        // An instance of the former version, during a rolling upgrade, no longer reads the outdated hash.
        assertThat(await(redis.send(Request.cmd(Command.EXISTS).arg(RedisConversationStore.formerStateKey(id))))
                .toInteger()).isZero();

        await(store.erase(id, List.of()));
        assertThat(await(store.find(id))).isEmpty();
    }

    @Test
    void erasingAConversationOfTheFormerVersionDeletesItsHash() throws Exception {
        String id = Ids.conversationId();
        await(redis.send(Request.cmd(Command.HSET).arg(RedisConversationStore.formerStateKey(id)).arg("ch").arg("web")
                .arg("tok").arg("tokenhash")));
        assertThat(await(store.find(id))).isPresent();

        await(store.erase(id, List.of()));

        assertThat(await(store.find(id))).isEmpty();
        assertThat(await(redis.send(Request.cmd(Command.EXISTS).arg(RedisConversationStore.formerStateKey(id))))
                .toInteger()).isZero();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
