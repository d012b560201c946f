package no.nora.bot.caseapi;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What the case system allows on a case; the bot never decides these itself. */
public record CaseRules(boolean instalmentsAllowed, BigDecimal minimumMonthlyInstalment, int maximumMonths,
                        LocalDate latestDeferralDate) {
}
