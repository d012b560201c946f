package no.nora.bot.caseapi;

/** A case API call that did not give an answer the bot can use. The message never holds debtor data. */
public final class CaseApiException extends RuntimeException {

    public enum Kind {
        /** Down, slow beyond the timeout, 5xx, malformed answer, or the circuit is open: say so honestly. */
        UNAVAILABLE,
        /** The case or debtor does not exist. */
        NOT_FOUND,
        /** The case system refused the request (a business rule). */
        REJECTED
    }

    private final Kind kind;

    public CaseApiException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public CaseApiException(Kind kind, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
