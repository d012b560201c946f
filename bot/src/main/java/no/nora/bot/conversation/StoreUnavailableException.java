package no.nora.bot.conversation;

/** The conversation store did not answer. Nothing was half-done on the debtor's side: they may send again. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
