package no.nora.bot.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import no.nora.bot.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two instances take one conversation's turns one after the other; the waiting one is woken, not left to expire. */
class RedisTurnOrderTest {
    private final Vertx vertx = Vertx.vertx();
    private final List<String> releasesHeard = new CopyOnWriteArrayList<>();
    private Redis redis;
    private RedisTurnOrder first;
    private RedisTurnOrder second;

    @BeforeEach
    void start() throws Exception {
        var options = new RedisOptions().setConnectionString(TestRedis.shared().connectionString());
        redis = Redis.createClient(vertx, options);
        first = instance(options);
        second = instance(options);
        var observer = new RedisPubSub(vertx, Redis.createClient(vertx, new RedisOptions(options).setMaxPoolSize(1)),
                redis).on(no.nora.bot.redis.TurnLocks.RELEASED, releasesHeard::add);
        await(observer.start());
    }

    private RedisTurnOrder instance(RedisOptions options) throws Exception {
        var client = Redis.createClient(vertx, options);
        var pubSub = new RedisPubSub(vertx, Redis.createClient(vertx, new RedisOptions(options).setMaxPoolSize(1)),
                client);
        var order = new RedisTurnOrder(vertx, client, pubSub);
        await(pubSub.start());
        return order;
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    @Test
    void theWaitingInstanceRunsAsSoonAsTheHolderIsDoneAndOnlyThatReleaseIsAnnounced() throws Exception {
        String alone = "c" + UUID.randomUUID().toString().replace("-", "");
        assertThat(await(first.inOrder(alone, () -> Future.succeededFuture("alone")))).isEqualTo("alone");

        String shared = "c" + UUID.randomUUID().toString().replace("-", "");
        var holding = Promise.<String>promise();
        var held = Promise.<Void>promise();
        var order = new CopyOnWriteArrayList<String>();
        Future<String> firstTurn = first.inOrder(shared, () -> {
            held.complete();
            order.add("first");
            return holding.future();
        });
        await(held.future());
        Future<String> secondTurn = second.inOrder(shared, () -> {
            order.add("second");
            return Future.succeededFuture("second");
        });
        assertThat(awaitWaiter(shared)).as("the second instance has said it waits").isTrue();
        assertThat(order).containsExactly("first");

        holding.complete("first");
        assertThat(await(firstTurn)).isEqualTo("first");
        // Well inside the lock's 15 s expiry: the release woke the waiting instance.
        assertThat(secondTurn.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(order).containsExactly("first", "second");
        assertThat(releasesHeard).as("a release nobody waited for is not announced").containsExactly(shared);
    }

    /** Polls Redis until the waiting mark is there (the second instance's attempt is asynchronous). */
    private boolean awaitWaiter(String conversationId) throws Exception {
        for (int i = 0; i < 250; i++) {
            var exists = await(redis.send(Request.cmd(Command.EXISTS).arg(no.nora.bot.redis.TurnLocks.waitersKey(conversationId))));
            if (exists.toInteger() == 1) {
                return true;
            }
            await(vertx.timer(20));
        }
        return false;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
