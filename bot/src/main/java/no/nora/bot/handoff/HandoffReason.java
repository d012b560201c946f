package no.nora.bot.handoff;

import java.util.Locale;

/** Why a conversation goes to a person; hardship and complaints are answered first. */
public enum HandoffReason {
    HARDSHIP(0), COMPLAINT(0), REQUESTED(1), NOT_UNDERSTOOD(1), CASE_API_DOWN(1);

    private final int priority;

    HandoffReason(int priority) {
        this.priority = priority;
    }

    /** Lower is answered first. */
    public int priority() {
        return priority;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
