package no.nora.bot.caseapi;

import java.time.Instant;

/** A reminder SMS the case system has on record: for which case and when it was sent. */
public record SentReminder(String caseId, Instant sentAt) {
}
