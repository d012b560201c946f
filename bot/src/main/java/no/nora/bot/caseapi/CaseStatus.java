package no.nora.bot.caseapi;

public enum CaseStatus {
    OPEN, INSTALMENT_PLAN, DEFERRED, PAID, CLOSED
}
