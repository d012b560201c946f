package no.nora.bot.conversation;

/** The conversation store did not answer. Nothing was half-done on the debtor's side: they may send again. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** A Redis command that failed or went unanswered: to every caller, the store is unavailable. */
    public static StoreUnavailableException fromRedis(Throwable failure) {
        return new StoreUnavailableException("Redis did not answer: " + failure.getMessage(), failure);
    }
}
