package no.nora.bot.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import no.nora.bot.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipelinedRedisTest {
    private static final int EVENT_LOOPS = 4;

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(EVENT_LOOPS));
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private PipelinedRedis redis(TestRedis server) {
        return new PipelinedRedis(vertx, Redis.createClient(vertx, new RedisOptions()
                .setConnectionString(server.connectionString()).setMaxPoolSize(16).setMaxWaitingHandlers(10_000)),
                RedisClientType.STANDALONE, java.time.Duration.ofMillis(300), metrics);
    }

    @Test
    void manyCommandsInFlightFromEveryEventLoopShareOneConnectionPerLoop() throws Exception {
        var redis = redis(TestRedis.shared());
        String key = "pipelined-test:" + UUID.randomUUID();
        String name = "pipelined-" + UUID.randomUUID();
        var sent = new ArrayList<Future<?>>();
        for (int loop = 0; loop < EVENT_LOOPS; loop++) {
            Promise<Void> done = Promise.promise();
            sent.add(done.future());
            vertx.getOrCreateContext().runOnContext(v -> {
                var increments = new ArrayList<Future<Response>>();
                increments.add(redis.send(Request.cmd(Command.CLIENT).arg("SETNAME").arg(name)));
                for (int i = 0; i < 500; i++) {
                    increments.add(redis.send(Request.cmd(Command.INCR).arg(key)));
                }
                Future.all(increments).<Void>mapEmpty().onComplete(done);
            });
        }
        await(Future.all(sent));

        assertThat(await(redis.send(Request.cmd(Command.GET).arg(key))).toInteger()).isEqualTo(EVENT_LOOPS * 500);
        String clients = await(redis.send(Request.cmd(Command.CLIENT).arg("LIST"))).toString();
        long ours = clients.lines().filter(line -> line.contains("name=" + name + " ")).count();
        assertThat(ours).as("connections used by 2 000 commands in flight").isBetween(1L, (long) EVENT_LOOPS);
    }

    @Test
    void failsWhileRedisIsDownAndHealsWhenItIsBack() throws Exception {
        var server = TestRedis.dedicated();
        try {
            var redis = redis(server);
            assertThat(await(redis.send(Request.cmd(Command.PING))).toString()).isEqualTo("PONG");

            server.stop();
            assertThatThrownBy(() -> await(redis.send(Request.cmd(Command.PING)))).isInstanceOf(ExecutionException.class);

            server.restart();
            assertThat(await(redis.batch(List.of(Request.cmd(Command.SET).arg("k").arg("v"),
                    Request.cmd(Command.GET).arg("k")))).get(1).toString()).isEqualTo("v");
        } finally {
            server.stop();
        }
    }

    @Test
    void aConnectionThatStopsAnsweringIsReplaced() throws Exception {
        var server = TestRedis.dedicated();
        try {
            var redis = redis(server);
            var context = vertx.getOrCreateContext();
            long before = await(onContext(context, () -> redis.send(Request.cmd(Command.CLIENT).arg("ID")))).toLong();

            // Another client pauses every client's commands: ours goes unanswered past its timeout.
            var other = Redis.createClient(vertx, server.connectionString());
            await(other.send(Request.cmd(Command.CLIENT).arg("PAUSE").arg(1_000).arg("ALL")));
            assertThatThrownBy(() -> await(onContext(context, () -> redis.send(Request.cmd(Command.PING)))))
                    .hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
            await(other.send(Request.cmd(Command.CLIENT).arg("UNPAUSE")));
            assertThat(metrics.get("nora.redis.unanswered").counter().count()).isEqualTo(1.0);

            long after = await(onContext(context, () -> redis.send(Request.cmd(Command.CLIENT).arg("ID")))).toLong();
            assertThat(after).as("a new connection").isNotEqualTo(before);
        } finally {
            server.stop();
        }
    }

    @Test
    void theCommandsOfOneEventLoopPassReachRedisInOneWrite() throws Exception {
        var server = TestRedis.dedicated();
        try {
            var redis = redis(server);
            var context = vertx.getOrCreateContext();
            long before = readsByRedis(context, redis);
            await(onContext(context, () -> {
                var increments = new ArrayList<Future<Response>>();
                for (int i = 0; i < 50; i++) {
                    increments.add(redis.send(Request.cmd(Command.INCR).arg("one-write")));
                }
                return Future.all(increments);
            }));
            long after = readsByRedis(context, redis);
            // One read for the fifty commands, one for the INFO that counts (one write each way on loopback).
            assertThat(after - before).as("socket reads Redis made for fifty commands and an INFO").isEqualTo(2);
        } finally {
            server.stop();
        }
    }

    private static long readsByRedis(io.vertx.core.Context context, Redis redis) throws Exception {
        String stats = await(onContext(context, () -> redis.send(Request.cmd(Command.INFO).arg("stats")))).toString();
        return stats.lines().filter(line -> line.startsWith("total_reads_processed:"))
                .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim())).findFirst().orElseThrow();
    }

    private static <T> Future<T> onContext(io.vertx.core.Context context, java.util.function.Supplier<Future<T>> call) {
        Promise<T> done = Promise.promise();
        context.runOnContext(v -> call.get().onComplete(done));
        return done.future();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
