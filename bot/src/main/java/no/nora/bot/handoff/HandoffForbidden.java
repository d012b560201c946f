package no.nora.bot.handoff;

/** The agent may not see or change this conversation (an API answers 403). */
public final class HandoffForbidden extends RuntimeException {
    public HandoffForbidden(String message) {
        super(message, null, false, false);
    }
}
