package no.nora.bot.conversation;

/** A quick reply: the web shows a button, SMS a numbered line. {@code value} is what choosing it sends. */
public record Choice(String label, String value) {
}
