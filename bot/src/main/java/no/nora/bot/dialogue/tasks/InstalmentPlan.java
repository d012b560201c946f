package no.nora.bot.dialogue.tasks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import no.nora.bot.caseapi.CaseRules;
import no.nora.bot.caseapi.InstalmentPlanRequest;

/**
 * A monthly plan for paying a balance: {@code months} instalments of {@code monthly}, the last one
 * {@code last} (what is left). Made from what the debtor offered, checked against the case's rules.
 */
record InstalmentPlan(int months, BigDecimal monthly, BigDecimal last) {

    /** Why an offer cannot become a plan, with the figure the debtor needs to hear. */
    enum Problem { BELOW_MINIMUM, ABOVE_BALANCE, TOO_LONG }

    record Result(Optional<InstalmentPlan> plan, Optional<Problem> problem) {
    }

    static Result fromMonthlyAmount(BigDecimal balance, BigDecimal amount, CaseRules rules) {
        if (amount.compareTo(rules.minimumMonthlyInstalment()) < 0) {
            return problem(Problem.BELOW_MINIMUM);
        }
        if (amount.compareTo(balance) >= 0) {
            return problem(Problem.ABOVE_BALANCE);
        }
        int months = InstalmentPlanRequest.monthsNeeded(balance, amount);
        if (months > rules.maximumMonths()) {
            return problem(Problem.TOO_LONG);
        }
        return plan(balance, amount, months);
    }

    static Result fromMonths(BigDecimal balance, int months, CaseRules rules) {
        if (months > rules.maximumMonths()) {
            return problem(Problem.TOO_LONG);
        }
        if (months < 2) {
            return problem(Problem.ABOVE_BALANCE);
        }
        BigDecimal monthly = balance.divide(BigDecimal.valueOf(months), 0, RoundingMode.CEILING)
                .max(rules.minimumMonthlyInstalment());
        if (monthly.compareTo(balance) >= 0) {
            return problem(Problem.ABOVE_BALANCE);
        }
        return plan(balance, monthly, InstalmentPlanRequest.monthsNeeded(balance, monthly));
    }

    /** The smallest monthly amount that pays the balance within the longest plan allowed. */
    static BigDecimal smallestWithinLimit(BigDecimal balance, CaseRules rules) {
        return balance.divide(BigDecimal.valueOf(rules.maximumMonths()), 0, RoundingMode.CEILING)
                .max(rules.minimumMonthlyInstalment());
    }

    private static Result plan(BigDecimal balance, BigDecimal monthly, int months) {
        BigDecimal last = new InstalmentPlanRequest(monthly, months).lastInstalment(balance);
        return new Result(Optional.of(new InstalmentPlan(months, monthly, last)), Optional.empty());
    }

    private static Result problem(Problem problem) {
        return new Result(Optional.empty(), Optional.of(problem));
    }
}
