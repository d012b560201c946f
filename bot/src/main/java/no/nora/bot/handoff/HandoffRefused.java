package no.nora.bot.handoff;

/** A move the state machine does not allow (an API answers 409). The message holds no debtor data. */
public final class HandoffRefused extends RuntimeException {
    private final HandoffStatus from;
    private final HandoffStatus to;

    public HandoffRefused(HandoffStatus from, HandoffStatus to) {
        super("A " + from.code() + " conversation cannot become " + to.code(), null, false, false);
        this.from = from;
        this.to = to;
    }

    public HandoffStatus from() {
        return from;
    }

    public HandoffStatus to() {
        return to;
    }
}
