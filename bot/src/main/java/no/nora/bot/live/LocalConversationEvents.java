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
    public Subscription subscribe(String topic, Handler<JsonObject> handler) {
        return listen(vertx, topic, handler, () -> { });
    }

    /** A listener on this instance's event bus; {@code onCancel} runs once, after it has stopped. */
    static Subscription listen(Vertx vertx, String topic, Handler<JsonObject> handler, Runnable onCancel) {
        MessageConsumer<JsonObject> consumer = vertx.eventBus().localConsumer(address(topic),
                message -> handler.handle(message.body()));
        var cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        return new Subscription() {
            @Override
            public Future<Void> ready() {
                return consumer.completion();
            }

            @Override
            public void cancel() {
                if (cancelled.compareAndSet(false, true)) {
                    consumer.unregister();
                    onCancel.run();
                }
            }
        };
    }

    static String address(String topic) {
        return "nora.events." + topic;
    }
}
