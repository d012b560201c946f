package no.nora.bot.live;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nora.bot.redis.EventChannels;

/**
 * Events across gateway instances: each topic has a Redis channel of its own, and an instance subscribes to a topic's
 * channel only while someone on it listens (a debtor's chat, an agent's console). Redis then sends each event only
 * to the instances that need it, and an instance decodes only events it will deliver. The publisher hears its own
 * events the same way, so there is one path for every event. A turn's messages are published by the turn's commit
 * ({@code RedisConversationStore}), on the same channel and in the same form ({@link EventChannels}).
 */
public final class RedisConversationEvents implements ConversationEvents {
    private final Vertx vertx;
    private final RedisPubSub pubSub;
    /** Listeners per topic on this instance, and the topic's subscription to Redis while there are any. */
    private final Map<String, Integer> listeners = new HashMap<>();
    private final Map<String, Future<Void>> subscribed = new HashMap<>();

    public RedisConversationEvents(Vertx vertx, RedisPubSub pubSub) {
        this.vertx = vertx;
        this.pubSub = pubSub;
    }

    @Override
    public Future<Void> publish(String topic, JsonObject event) {
        return publishAll(topic, List.of(event));
    }

    @Override
    public Future<Void> publishAll(String topic, List<JsonObject> events) {
        return pubSub.publish(EventChannels.channel(topic), EventChannels.payload(events));
    }

    @Override
    public Subscription subscribe(String topic, Handler<JsonObject> handler) {
        Future<Void> onRedis = listening(topic);
        var local = LocalConversationEvents.listen(vertx, topic, handler, () -> stopListening(topic));
        return new Subscription() {
            @Override
            public Future<Void> ready() {
                return Future.all(local.ready(), onRedis).mapEmpty();
            }

            @Override
            public void cancel() {
                local.cancel();
            }
        };
    }

    private synchronized Future<Void> listening(String topic) {
        if (listeners.merge(topic, 1, Integer::sum) == 1) {
            String address = LocalConversationEvents.address(topic);
            subscribed.put(topic, pubSub.subscribe(EventChannels.channel(topic), payload -> new JsonArray(payload)
                    .forEach(event -> vertx.eventBus().publish(address, event))));
        }
        return subscribed.get(topic);
    }

    private synchronized void stopListening(String topic) {
        if (listeners.merge(topic, -1, Integer::sum) == 0) {
            listeners.remove(topic);
            subscribed.remove(topic);
            pubSub.unsubscribe(EventChannels.channel(topic));
        }
    }
}
