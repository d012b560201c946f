package no.nora.bot.caseapi;

/** {@code text} is the debtor's redacted words. */
public record ComplaintRequest(String text) {
}
