package no.nora.bot.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import no.nora.bot.testing.EventFeed;
import no.nora.bot.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events travel between instances only on the topics someone listens to, and listeners do not leak. */
class RedisConversationEventsTest {
    private final Vertx vertx = Vertx.vertx();
    private Redis redis;
    private RedisPubSub here;
    private RedisPubSub there;

    @BeforeEach
    void start() throws Exception {
        var options = new RedisOptions().setConnectionString(TestRedis.shared().connectionString());
        redis = Redis.createClient(vertx, options);
        here = new RedisPubSub(vertx, Redis.createClient(vertx, new RedisOptions(options).setMaxPoolSize(1)), redis);
        there = new RedisPubSub(vertx, Redis.createClient(vertx, new RedisOptions(options).setMaxPoolSize(1)), redis);
        await(here.start());
        await(there.start());
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    @Test
    void anInstanceSubscribesToATopicOnlyWhileSomeoneOnItListens() throws Exception {
        var listening = new RedisConversationEvents(vertx, here);
        var publishing = new RedisConversationEvents(vertx, there);
        String topic = ConversationEvents.conversation("c" + UUID.randomUUID().toString().replace("-", ""));
        assertThat(subscribers(topic)).isZero();

        var first = new EventFeed();
        var second = new EventFeed();
        var one = listening.subscribe(topic, first::add);
        var two = listening.subscribe(topic, second::add);
        await(one.ready());
        await(two.ready());
        assertThat(subscribers(topic)).as("one Redis subscription for both listeners").isEqualTo(1);

        await(publishing.publishAll(topic, List.of(event(1), event(2))));
        assertThat(first.await(e -> e.getInteger("n") == 2).getInteger("n")).isEqualTo(2);
        assertThat(second.await(e -> e.getInteger("n") == 1).getInteger("n")).isEqualTo(1);

        one.cancel();
        one.cancel();
        await(publishing.publish(topic, event(3)));
        assertThat(second.await(e -> e.getInteger("n") == 3).getInteger("n")).isEqualTo(3);
        assertThat(subscribers(topic)).as("still listened to").isEqualTo(1);

        two.cancel();
        // Cancelling does not wait for Redis; poll its count until the UNSUBSCRIBE has arrived.
        assertThat(waitForSubscribers(topic, 0)).isZero();
    }

    private long waitForSubscribers(String topic, long expected) throws Exception {
        long count = subscribers(topic);
        for (int i = 0; i < 100 && count != expected; i++) {
            await(vertx.timer(20));
            count = subscribers(topic);
        }
        return count;
    }

    private long subscribers(String topic) throws Exception {
        var reply = await(redis.send(Request.cmd(Command.PUBSUB).arg("NUMSUB")
                .arg(no.nora.bot.redis.EventChannels.channel(topic))));
        return reply.get(1).toLong();
    }

    private static JsonObject event(int n) {
        return new JsonObject().put("type", "message").put("n", n);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
