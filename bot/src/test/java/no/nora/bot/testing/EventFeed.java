package no.nora.bot.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Live events as they arrive (a conversation topic, an agent's WebSocket …), for tests that wait for one by
 * condition instead of sleeping. Feed it with {@link #add}, e.g. {@code events().subscribe(topic, feed::add)}.
 */
public final class EventFeed {
    private record Waiter(Predicate<JsonObject> test, Promise<JsonObject> promise) {
    }

    private final List<JsonObject> seen = new ArrayList<>();
    private final List<Waiter> waiting = new ArrayList<>();

    public synchronized void add(JsonObject event) {
        seen.add(event);
        for (var waiter : List.copyOf(waiting)) {
            if (waiter.test().test(event)) {
                waiting.remove(waiter);
                waiter.promise().tryComplete(event);
            }
        }
    }

    /** The first event, seen already or still to come, that passes {@code test}. */
    public synchronized Future<JsonObject> next(Predicate<JsonObject> test) {
        Promise<JsonObject> promise = Promise.promise();
        seen.stream().filter(test).findFirst().ifPresentOrElse(promise::complete,
                () -> waiting.add(new Waiter(test, promise)));
        return promise.future();
    }

    /** As {@link #next}, waiting for it (at most 20 seconds). */
    public JsonObject await(Predicate<JsonObject> test) throws Exception {
        return next(test).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    public synchronized List<JsonObject> all() {
        return List.copyOf(seen);
    }
}
