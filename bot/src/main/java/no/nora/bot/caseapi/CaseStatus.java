package no.nora.bot.caseapi;

import java.util.Arrays;

/**
 * Where a case stands in the case system. A status this version does not know arrives as {@link #OTHER}: the bot
 * then answers what it safely can (amounts, an invoice copy) and leaves changes to a person.
 */
public enum CaseStatus {
    /** Waiting for payment; the debtor may ask for a plan or a deferral. */
    OPEN,
    /** Paid in monthly instalments by an agreed plan ({@link DebtCase#plan()}). */
    INSTALMENT_PLAN,
    /** The due date was moved ({@link DebtCase#deferredUntil()}). */
    DEFERRED,
    /** Sent to legal collection (the conciliation board or the enforcement officer): only a person can change it. */
    LEGAL_COLLECTION,
    PAID,
    /** Closed without full payment, e.g. withdrawn by the creditor: nothing to pay. */
    CLOSED,
    OTHER;

    /** The status as the case API writes it; unknown values are {@link #OTHER}. */
    static CaseStatus fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s != OTHER && s.name().equals(value)).findFirst().orElse(OTHER);
    }

    /** Nothing is owed any more. */
    public boolean settled() {
        return this == PAID || this == CLOSED;
    }
}
