package no.nora.bot.conversation;

import java.util.Locale;

/** Where the debtor talks to us. The engine never behaves differently per channel; channels only render. */
public enum Channel {
    WEB, SMS;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
