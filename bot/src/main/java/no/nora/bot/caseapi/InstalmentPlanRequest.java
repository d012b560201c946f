package no.nora.bot.caseapi;

import java.math.BigDecimal;

public record InstalmentPlanRequest(BigDecimal monthlyAmount, int months) {
}
