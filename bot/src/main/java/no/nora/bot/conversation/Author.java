package no.nora.bot.conversation;

import java.util.Locale;

/** Who wrote a message; rendered as the message's {@code from}. */
public enum Author {
    DEBTOR, BOT, AGENT, SYSTEM;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Author fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
