package no.nora.bot.handoff;

import java.time.Instant;

/** An agent with the console open, as last heard from. */
public record AgentOnline(Agent agent, Instant lastSeen) {
}
