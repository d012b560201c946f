package no.nora.bot.conversation;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;

/** The conversation store did not answer. Nothing was half-done on the debtor's side: they may send again. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** How long a store waits for Redis to answer a command. */
    public static final long REDIS_TIMEOUT_MS = 2_000;

    /** A Redis reply, or this exception when the command failed or went unanswered for {@link #REDIS_TIMEOUT_MS}. */
    public static <T> Future<T> answered(Future<T> reply) {
        return reply.timeout(REDIS_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .recover(failure -> Future.failedFuture(fromRedis(failure)));
    }

    /** A Redis command that failed or went unanswered: to every caller, the store is unavailable. */
    public static StoreUnavailableException fromRedis(Throwable failure) {
        return new StoreUnavailableException("Redis did not answer: " + failure.getMessage(), failure);
    }
}
