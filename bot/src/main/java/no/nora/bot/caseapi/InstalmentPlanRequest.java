package no.nora.bot.caseapi;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A plan of {@code months} monthly instalments of {@code monthlyAmount}; the last instalment is whatever is left
 * ({@link #lastInstalment}). The case API accepts a plan only when {@code months} is exactly the number of instalments
 * it takes to pay the balance – build plans with {@link #ofMonthlyAmount} or {@link #ofMonths} so they always are.
 */
public record InstalmentPlanRequest(BigDecimal monthlyAmount, int months) {

    /** "I can pay 500 a month": as many months as it takes, the last instalment smaller. */
    public static InstalmentPlanRequest ofMonthlyAmount(BigDecimal balance, BigDecimal monthlyAmount) {
        if (monthlyAmount.signum() <= 0) {
            throw new IllegalArgumentException("monthlyAmount must be positive");
        }
        return new InstalmentPlanRequest(monthlyAmount.setScale(2, RoundingMode.HALF_UP),
                monthsNeeded(balance, monthlyAmount));
    }

    /** "Over 6 months": the monthly amount rounded up to whole kroner, so the last instalment is never larger. */
    public static InstalmentPlanRequest ofMonths(BigDecimal balance, int months) {
        if (months < 1) {
            throw new IllegalArgumentException("months must be at least 1");
        }
        BigDecimal monthly = balance.divide(BigDecimal.valueOf(months), 0, RoundingMode.CEILING);
        return ofMonthlyAmount(balance, monthly.max(BigDecimal.ONE));
    }

    /** How many instalments of {@code monthlyAmount} pay {@code balance}. */
    public static int monthsNeeded(BigDecimal balance, BigDecimal monthlyAmount) {
        return balance.divide(monthlyAmount, 0, RoundingMode.CEILING).max(BigDecimal.ONE).intValueExact();
    }

    /** The last instalment of this plan for {@code balance}: the rest after {@code months - 1} full ones. */
    public BigDecimal lastInstalment(BigDecimal balance) {
        return balance.subtract(monthlyAmount.multiply(BigDecimal.valueOf(months - 1L))).setScale(2, RoundingMode.HALF_UP);
    }

    /** Whether this plan pays exactly {@code balance}: every instalment used, none left over. */
    public boolean pays(BigDecimal balance) {
        return monthlyAmount.signum() > 0 && months == monthsNeeded(balance, monthlyAmount);
    }
}
