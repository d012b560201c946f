package no.nora.bot.accepted;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import no.nora.bot.accepted.AcceptedMessages.Accepted;
import no.nora.bot.testing.HandClock;
import no.nora.bot.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two instances on one Redis: a kept message is theirs once, and the other takes it over only when it goes silent. */
class RedisAcceptedMessagesTest {
    private static final Duration LEASE = Duration.ofSeconds(60);

    private final Vertx vertx = Vertx.vertx();
    private final Redis redis = Redis.createClient(vertx, new RedisOptions()
            .setConnectionString(TestRedis.shared().connectionString()));
    private final HandClock clock = new HandClock(Instant.parse("2026-11-22T08:00:00Z"));
    private final String queue = "test-" + UUID.randomUUID();
    private final AcceptedMessages here = new RedisAcceptedMessages(vertx, redis, queue, Duration.ofHours(24), LEASE, clock);
    private final AcceptedMessages there = new RedisAcceptedMessages(vertx, redis, queue, Duration.ofHours(24), LEASE, clock);

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    @Test
    void aMessageIsKeptOnceAndTakenOverOnlyAfterItsLeaseRanOut() throws Exception {
        assertThat(await(here.keep("k1", "first"))).isTrue();
        assertThat(await(there.keep("k1", "first again"))).as("a retried webhook at any instance").isFalse();

        clock.advance(LEASE.minusSeconds(1));
        assertThat(await(there.takeOverdue(10))).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        assertThat(await(there.takeOverdue(10))).containsExactly(new Accepted("k1", "first"));
        assertThat(await(here.takeOverdue(10))).as("now leased to the instance that took it over").isEmpty();

        await(there.done(new Accepted("k1", "first")));
        clock.advance(LEASE.multipliedBy(2));
        assertThat(await(here.takeOverdue(10))).isEmpty();
        assertThat(await(here.keep("k1", "once more"))).as("still a duplicate after it was answered").isFalse();
    }

    @Test
    void anInstanceStillAnsweringKeepsItsMessagesByRenewingTheirLeases() throws Exception {
        await(here.keep("k1", "slow turn"));
        await(here.keep("k2", "answered"));
        await(here.done(new Accepted("k2", "answered")));

        clock.advance(LEASE.minusSeconds(10));
        await(here.renew(List.of(new Accepted("k1", "slow turn"), new Accepted("k2", "answered"))));
        clock.advance(LEASE.minusSeconds(10));
        assertThat(await(there.takeOverdue(10))).isEmpty();

        clock.advance(Duration.ofSeconds(20));
        assertThat(await(there.takeOverdue(10))).as("renewing does not bring back what was answered")
                .containsExactly(new Accepted("k1", "slow turn"));
    }

    @Test
    void overdueMessagesAreTakenOverOldestFirstAFewAtATime() throws Exception {
        for (int i = 1; i <= 5; i++) {
            await(here.keep("k" + i, "m" + i));
            clock.advance(Duration.ofSeconds(1));
        }
        clock.advance(LEASE);
        assertThat(await(there.takeOverdue(3))).extracting(Accepted::key).containsExactly("k1", "k2", "k3");
        assertThat(await(there.takeOverdue(3))).extracting(Accepted::key).containsExactly("k4", "k5");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
