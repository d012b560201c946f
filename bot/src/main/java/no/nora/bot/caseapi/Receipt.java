package no.nora.bot.caseapi;

/** The case system's answer to a write: its id for the request and its status (e.g. RECEIVED). */
public record Receipt(String id, String status) {
}
