package no.nora.bot.conversation;

import io.vertx.core.Future;

/** The conversation store did not answer. Nothing was half-done on the debtor's side: they may send again. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /**
     * A Redis reply, or this exception when the command failed. Unanswered commands fail in the client, which times
     * them out ({@link no.nora.bot.redis.PipelinedRedis}, as the stores are given it): one timer per command, not two.
     */
    public static <T> Future<T> answered(Future<T> reply) {
        return reply.recover(failure -> Future.failedFuture(fromRedis(failure)));
    }

    /** A Redis command that failed or went unanswered: to every caller, the store is unavailable. */
    public static StoreUnavailableException fromRedis(Throwable failure) {
        return new StoreUnavailableException("Redis did not answer: " + failure.getMessage(), failure);
    }
}
