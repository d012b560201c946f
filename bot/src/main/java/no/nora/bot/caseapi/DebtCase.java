package no.nora.bot.caseapi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One debt-collection case with the rules the bot must respect for it. Amounts are in {@code currency} (NOK).
 * {@code plan} is present on a case with status {@link CaseStatus#INSTALMENT_PLAN}, {@code deferredUntil} on a
 * {@link CaseStatus#DEFERRED} one.
 */
public record DebtCase(String id, String debtorId, String creditor, String reference, BigDecimal originalAmount,
                       BigDecimal fees, BigDecimal balance, String currency, LocalDate dueDate, CaseStatus status,
                       CaseRules rules, Optional<PlanTerms> plan, Optional<LocalDate> deferredUntil) {

    /** Something is left to pay on it. */
    public boolean owing() {
        return balance.signum() > 0 && !status.settled();
    }

    /** The debtor may ask for a plan or a deferral here; on a plan, in legal collection or settled only a person may. */
    public boolean openForRequests() {
        return owing() && (status == CaseStatus.OPEN || status == CaseStatus.DEFERRED);
    }
}
