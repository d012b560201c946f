package no.nora.bot.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import no.nora.bot.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisScriptTest {
    private static final RedisScript APPEND = new RedisScript("return redis.call('APPEND', KEYS[1], ARGV[1])");

    private final TestRedis server = TestRedis.dedicated();
    private final Vertx vertx = Vertx.vertx();
    private final Redis redis = Redis.createClient(vertx, server.connectionString());

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        server.stop();
    }

    @Test
    void runsWhetherOrNotRedisHasTheScriptCached() throws Exception {
        String key = "script-test:" + UUID.randomUUID();
        await(redis.send(Request.cmd(Command.SCRIPT).arg("FLUSH")));

        assertThat(await(APPEND.run(redis, List.of(key), append -> append.arg("a"))).toInteger()).isEqualTo(1);
        assertThat(await(APPEND.run(redis, List.of(key), append -> append.arg("b"))).toInteger()).isEqualTo(2);
        // A restarted Redis has forgotten it: the call still works, and teaches it again.
        await(redis.send(Request.cmd(Command.SCRIPT).arg("FLUSH")));
        assertThat(await(APPEND.run(redis, List.of(key), append -> append.arg("c"))).toInteger()).isEqualTo(3);

        assertThat(await(redis.send(Request.cmd(Command.GET).arg(key))).toString()).isEqualTo("abc");
    }

    @Test
    void aFailingScriptFailsOnceWithRedisOwnError() {
        var broken = new RedisScript("return redis.call('INCR', KEYS[1])");
        String key = "script-test:" + UUID.randomUUID();

        assertThatThrownBy(() -> {
            await(redis.send(Request.cmd(Command.SET).arg(key).arg("not a number")));
            await(broken.run(redis, List.of(key), none -> { }));
        }).isInstanceOf(ExecutionException.class).hasMessageContaining("not an integer");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
