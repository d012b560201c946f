package no.nora.bot.caseapi;

import java.util.Locale;

/**
 * A case API call that did not give an answer the bot can use. The message never holds debtor data.
 *
 * <p>{@link #reason()} says why in a short lower-case code: for {@link Kind#REJECTED} and {@link Kind#NOT_FOUND} the
 * case API's own error code (e.g. {@code below_minimum}, {@code deferral_too_late}, {@code case_not_found}); for
 * {@link Kind#UNAVAILABLE} what went wrong on the way ({@code timeout}, {@code unavailable}, {@code server_error},
 * {@code malformed}, {@code circuit_open}, {@code unexpected_status}) – the same values as the {@code reason} tag of
 * the {@code nora.case.api.failures} counter.
 */
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
    private final String reason;

    public CaseApiException(Kind kind, String message) {
        this(kind, kind.name().toLowerCase(Locale.ROOT), message, null);
    }

    public CaseApiException(Kind kind, String message, Throwable cause) {
        this(kind, kind.name().toLowerCase(Locale.ROOT), message, cause);
    }

    public CaseApiException(Kind kind, String reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.reason = reason;
    }

    public static CaseApiException unavailable(String reason, String message, Throwable cause) {
        return new CaseApiException(Kind.UNAVAILABLE, reason, message, cause);
    }

    public static CaseApiException unavailable(String reason, String message) {
        return unavailable(reason, message, null);
    }

    public static CaseApiException notFound(String reason, String message) {
        return new CaseApiException(Kind.NOT_FOUND, reason, message, null);
    }

    public static CaseApiException rejected(String reason, String message) {
        return new CaseApiException(Kind.REJECTED, reason, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public String reason() {
        return reason;
    }
}
