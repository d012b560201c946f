package no.nora.bot.handoff;

import static no.nora.bot.handoff.HandoffStatus.ASSIGNED;
import static no.nora.bot.handoff.HandoffStatus.BOT;
import static no.nora.bot.handoff.HandoffStatus.CLOSED;
import static no.nora.bot.handoff.HandoffStatus.EXPIRED;
import static no.nora.bot.handoff.HandoffStatus.QUEUED;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.nora.bot.conversation.ConversationState;

/**
 * Who may answer the debtor next: every allowed move between {@link HandoffStatus}es in one table, and one function
 * that applies a move or refuses it. Moving to the status a conversation already has is harmless (asking twice
 * does not queue twice), except that an assigned conversation cannot be taken by a second agent.
 */
public final class HandoffTransitions {

    /** The whole state machine. Anything not listed is refused. */
    static final Map<HandoffStatus, Set<HandoffStatus>> ALLOWED = Map.of(
            // The debtor or the dialogue asks for a person.
            BOT, EnumSet.of(QUEUED),
            // An agent claims it, or nobody does in time.
            QUEUED, EnumSet.of(ASSIGNED, EXPIRED),
            // The agent hands back to the bot, ends the conversation, or puts it back in the queue (also the first
            // half of a transfer to another agent, who then claims it in the same turn).
            ASSIGNED, EnumSet.of(BOT, CLOSED, QUEUED),
            // After expiry the bot offered to take a message: the debtor leaves one (queued again, without a
            // deadline); or the debtor carries on with the bot.
            EXPIRED, EnumSet.of(QUEUED, BOT),
            // The debtor writes again after an agent closed the conversation: the bot answers.
            CLOSED, EnumSet.of(BOT));

    private HandoffTransitions() {
    }

    /** The state after the move, and whether anything changed. */
    public record Outcome(ConversationState state, boolean changed) {
    }

    public static boolean allowed(HandoffStatus from, HandoffStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    /**
     * Applies a move, or throws {@link HandoffRefused}. {@code agent} is the agent taking the conversation; only a
     * move to {@link HandoffStatus#ASSIGNED} keeps one.
     */
    public static Outcome apply(ConversationState state, HandoffStatus to, Optional<String> agent) {
        HandoffStatus from = state.handoff();
        if (to == ASSIGNED && agent.isEmpty()) {
            throw new IllegalArgumentException("An assigned conversation needs an agent");
        }
        if (from == to) {
            if (to == ASSIGNED && !state.agentId().equals(agent)) {
                throw new HandoffRefused(from, to);
            }
            return new Outcome(state, false);
        }
        if (!allowed(from, to)) {
            throw new HandoffRefused(from, to);
        }
        return new Outcome(state.withHandoff(to, to == ASSIGNED ? agent : Optional.empty()), true);
    }
}
