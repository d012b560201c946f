package no.nora.bot.live;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Events across gateway instances: published to one Redis channel, received by every instance's subscriber and
 * handed to local listeners on the event bus. The publisher hears its own events the same way, so there is one
 * path for every event.
 */
public final class RedisConversationEvents implements ConversationEvents {
    static final String CHANNEL = "nora:events";

    private final Vertx vertx;
    private final RedisPubSub pubSub;

    public RedisConversationEvents(Vertx vertx, RedisPubSub pubSub) {
        this.vertx = vertx;
        this.pubSub = pubSub;
        pubSub.on(CHANNEL, payload -> {
            var envelope = new JsonObject(payload);
            String address = LocalConversationEvents.address(envelope.getString("topic"));
            envelope.getJsonArray("events").forEach(event -> vertx.eventBus().publish(address, event));
        });
    }

    @Override
    public Future<Void> publish(String topic, JsonObject event) {
        return publishAll(topic, List.of(event));
    }

    @Override
    public Future<Void> publishAll(String topic, List<JsonObject> events) {
        return pubSub.publish(CHANNEL, new JsonObject().put("topic", topic).put("events", new JsonArray(events)).encode());
    }

    @Override
    public MessageConsumer<JsonObject> subscribe(String topic, Handler<JsonObject> handler) {
        return vertx.eventBus().<JsonObject>localConsumer(LocalConversationEvents.address(topic),
                message -> handler.handle(message.body()));
    }
}
