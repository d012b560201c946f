package no.nora.channels.sms;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs asynchronous jobs one after another per key (a number pair, a message sid), in the order they were
 * submitted, and independent keys in parallel. A failed job does not stop the ones queued behind it. A job must not
 * wait for another job of its own key.
 */
final class OneAtATime {
    private final ConcurrentHashMap<String, Future<Void>> tails = new ConcurrentHashMap<>();

    <T> Future<T> run(String key, Supplier<Future<T>> job) {
        Promise<Void> done = Promise.promise();
        Future<Void> mine = done.future();
        var previous = new AtomicReference<Future<Void>>();
        tails.compute(key, (k, tail) -> {
            previous.set(tail);
            return mine;
        });
        Future<Void> before = previous.get() == null ? Future.succeededFuture() : previous.get();
        Future<T> result = before.transform(ignored -> {
            try {
                return job.get();
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
        });
        result.onComplete(ignored -> {
            tails.remove(key, mine);
            done.complete();
        });
        return result;
    }
}
