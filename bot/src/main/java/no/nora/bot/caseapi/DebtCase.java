package no.nora.bot.caseapi;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One debt-collection case with the rules the bot must respect for it. Amounts are in {@code currency} (NOK). */
public record DebtCase(String id, String debtorId, String creditor, String reference, BigDecimal originalAmount,
                       BigDecimal fees, BigDecimal balance, String currency, LocalDate dueDate, CaseStatus status,
                       CaseRules rules) {
}
