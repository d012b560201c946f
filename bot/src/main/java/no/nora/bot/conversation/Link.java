package no.nora.bot.conversation;

/**
 * A link under a bot message: the web shows it as a button or link; SMS shows only the text, which says where to go
 * in words. {@link #SIGN_IN} is not an address but the widget's own sign-in action.
 */
public record Link(String label, String url) {
    /** The url that means "the chat widget's sign-in action". */
    public static final String SIGN_IN = "nora:sign-in";
}
