package no.nora.bot.handoff;

import java.time.Instant;

/** How and when an agent's part of a conversation ended, and who ended it (the agent or a supervisor). */
public record Ending(HandoffOutcome outcome, Instant at, String byAgentId) {
}
