package no.nora.bot.live;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Events within one process, on the Vert.x event bus: the embedded default. */
public final class LocalConversationEvents implements ConversationEvents {
    private final Vertx vertx;

    public LocalConversationEvents(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public Future<Void> publish(String topic, JsonObject event) {
        vertx.eventBus().publish(address(topic), event);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> publishAll(String topic, List<JsonObject> events) {
        events.forEach(event -> vertx.eventBus().publish(address(topic), event));
        return Future.succeededFuture();
    }

    @Override
    public MessageConsumer<JsonObject> subscribe(String topic, Handler<JsonObject> handler) {
        return vertx.eventBus().<JsonObject>localConsumer(address(topic), message -> handler.handle(message.body()));
    }

    static String address(String topic) {
        return "nora.events." + topic;
    }
}
