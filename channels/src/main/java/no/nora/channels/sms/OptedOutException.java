package no.nora.channels.sms;

/** A send refused because the number opted out; Twilio was not called. */
final class OptedOutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OptedOutException() {
        super("The number has opted out of SMS", null, false, false);
    }
}
