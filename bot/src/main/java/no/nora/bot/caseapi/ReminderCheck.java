package no.nora.bot.caseapi;

import java.time.Instant;
import java.util.Optional;

public record ReminderCheck(boolean sent, Optional<Instant> lastSentAt) {
}
