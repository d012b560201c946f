package no.nora.bot.caseapi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Whether reminders were sent to a number: the newest time, and each reminder on record, newest first. */
public record ReminderCheck(boolean sent, Optional<Instant> lastSentAt, List<SentReminder> reminders) {
    public ReminderCheck {
        reminders = List.copyOf(reminders);
    }

    /** The newest reminder about {@code caseId}, if one is on record. */
    public Optional<SentReminder> about(String caseId) {
        return reminders.stream().filter(r -> r.caseId().equals(caseId)).findFirst();
    }
}
