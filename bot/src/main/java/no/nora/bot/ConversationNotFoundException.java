package no.nora.bot;

/** No conversation with that id (never started, erased, or past its retention). */
public final class ConversationNotFoundException extends RuntimeException {
    public ConversationNotFoundException() {
        super("No such conversation", null, false, false);
    }
}
