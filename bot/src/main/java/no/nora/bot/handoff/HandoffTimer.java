package no.nora.bot.handoff;

import java.util.Locale;
import java.util.Optional;

/** A deadline of one conversation, kept in the queue store so it survives a restart. */
public record HandoffTimer(Kind kind, String conversationId) {

    public enum Kind {
        /** Nobody claimed the conversation in time: it expires. */
        QUEUE,
        /** The agent has not answered the debtor's message in time: supervisors are told. */
        REPLY
    }

    public static HandoffTimer queue(String conversationId) {
        return new HandoffTimer(Kind.QUEUE, conversationId);
    }

    public static HandoffTimer reply(String conversationId) {
        return new HandoffTimer(Kind.REPLY, conversationId);
    }

    /** As stored: {@code queue:ID}; conversation ids are letters only. */
    public String key() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + conversationId;
    }

    public static Optional<HandoffTimer> fromKey(String key) {
        int colon = key.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new HandoffTimer(Kind.valueOf(key.substring(0, colon).toUpperCase(Locale.ROOT)),
                    key.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
