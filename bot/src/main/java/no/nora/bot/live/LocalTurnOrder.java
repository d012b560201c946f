package no.nora.bot.live;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Orders work per conversation inside this process: each piece starts when the previous one for the same
 * conversation has finished. The chain is dropped when it runs empty, so idle conversations cost nothing.
 */
public final class LocalTurnOrder implements TurnOrder {
    private final ConcurrentHashMap<String, Future<?>> tails = new ConcurrentHashMap<>();

    @Override
    public <T> Future<T> inOrder(String conversationId, Supplier<Future<T>> work) {
        Promise<T> done = Promise.promise();
        Future<?> previous = tails.put(conversationId, done.future());
        Runnable start = () -> {
            Future<T> result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                result = Future.failedFuture(e);
            }
            result.onComplete(done);
        };
        if (previous == null) {
            start.run();
        } else {
            previous.onComplete(ignored -> start.run());
        }
        done.future().onComplete(ignored -> tails.remove(conversationId, done.future()));
        return done.future();
    }

    /** Conversations with work queued or running; for tests and metrics. */
    public int active() {
        return tails.size();
    }
}
