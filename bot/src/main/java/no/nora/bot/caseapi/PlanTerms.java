package no.nora.bot.caseapi;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An agreed instalment plan: what is paid each month, when the next instalment is due, and how many are left. */
public record PlanTerms(BigDecimal monthlyAmount, LocalDate nextInstalmentDate, int instalmentsLeft) {
}
