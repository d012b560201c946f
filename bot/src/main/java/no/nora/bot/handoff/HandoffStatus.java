package no.nora.bot.handoff;

import java.util.Locale;

/** Who answers the debtor. See {@link HandoffTransitions} for the moves between them. */
public enum HandoffStatus {
    /** The bot answers. */
    BOT,
    /** Waiting for an agent; the bot is quiet except to say the debtor is in the queue. */
    QUEUED,
    /** An agent answers; the bot is silent. */
    ASSIGNED,
    /** An agent closed the conversation. */
    CLOSED,
    /** Nobody took it in time; the bot offered the phone number and to leave a message. */
    EXPIRED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
