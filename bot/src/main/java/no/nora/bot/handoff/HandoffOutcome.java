package no.nora.bot.handoff;

import java.util.Locale;
import java.util.Optional;

/** How an agent's part of a conversation ended; the supervisor's figures count them. */
public enum HandoffOutcome {
    /** Handed back to Nora. */
    RELEASED,
    /** The debtor's question was answered. */
    RESOLVED,
    /** An instalment plan was agreed. */
    PLAN_AGREED,
    /** A deferral was agreed. */
    DEFERRAL_AGREED,
    /** A complaint was registered. */
    COMPLAINT_REGISTERED,
    /** The debtor was asked to call, or will be called. */
    PHONE_FOLLOW_UP,
    /** The debtor stopped answering. */
    NO_REPLY;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<HandoffOutcome> fromCode(String code) {
        for (HandoffOutcome outcome : values()) {
            if (outcome.code().equals(code)) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }
}
