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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import no.nora.bot.testing.TestRedis;
import no.nora.intents.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Found by an attacker: every anonymous chat opened cost ~750 B of Redis for 30 days, whether anyone wrote in it or
 * not. A chat nobody has written in is now kept for an hour; its first message gives it the full retention.
 */
class UntouchedChatRetentionTest {
    private final Vertx vertx = Vertx.vertx();
    private final Redis redis = Redis.createClient(vertx, TestRedis.shared().connectionString());
    private final RedisConversationStore store = new RedisConversationStore(redis, Duration.ofDays(30));

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
    }

    @Test
    void anOpenedChatNobodyWroteInIsKeptForAnHourAndAWrittenOneForTheRetention() throws Exception {
        var opened = ConversationState.start(Ids.conversationId(), Channel.WEB, Language.NB, Optional.empty(),
                Optional.empty(), Optional.empty(), "tokenhash", Instant.now());
        await(store.commitTurn(opened, List.of(), Optional.empty()));
        long ttl = ttl(opened.id());
        assertThat(ttl).isBetween(1L, 3600L);

        var written = opened.withLastDebtorMessage("m-1");
        await(store.commitTurn(written, List.of(), Optional.of("c-1")));
        assertThat(ttl(opened.id())).isGreaterThan(Duration.ofDays(29).toSeconds());
    }

    @Test
    void signedInSmsAndHandedOverChatsAreNeverUntouched() {
        var web = ConversationState.start("c", Channel.WEB, Language.NB, Optional.empty(), Optional.empty(),
                Optional.empty(), "t", Instant.now());
        assertThat(web.keptFor(Duration.ofDays(30))).isEqualTo(Duration.ofHours(1));
        assertThat(web.keptFor(Duration.ofMinutes(15))).as("a shorter retention stays").isEqualTo(Duration.ofMinutes(15));
        var signedIn = ConversationState.start("c", Channel.WEB, Language.NB, Optional.of("d-1001"), Optional.empty(),
                Optional.empty(), "t", Instant.now());
        assertThat(signedIn.keptFor(Duration.ofDays(30))).isEqualTo(Duration.ofDays(30));
        var sms = ConversationState.start("c", Channel.SMS, Language.NB, Optional.empty(), Optional.of("+4791234567"),
                Optional.empty(), "t", Instant.now());
        assertThat(sms.keptFor(Duration.ofDays(30))).isEqualTo(Duration.ofDays(30));
    }

    private long ttl(String id) throws Exception {
        return await(redis.send(Request.cmd(Command.TTL).arg(RedisConversationStore.stateKey(id)))).toLong();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
