package no.nora.bot.caseapi;

import java.time.Duration;

/**
 * How {@link HttpCaseApi} treats a slow or failing case API.
 *
 * @param timeout       per attempt; a timed-out attempt is not retried (the debtor would wait a multiple of it,
 *                      and a slow server is not helped by more load)
 * @param retries       extra attempts after a connection failure or a 5xx, for every call: reads are safe to repeat
 *                      and every write carries an Idempotency-Key the case API deduplicates on
 * @param firstBackoff  the wait before the first retry, doubled for each further retry up to {@code maxBackoff}
 * @param maxBackoff    the longest wait between attempts
 * @param failuresToOpen failed attempts within ten seconds that open the circuit; not-found and rejected
 *                      answers are answers, not failures
 * @param resetTimeout  how long the circuit stays open before one trial call is let through (half-open)
 */
public record CallPolicy(Duration timeout, int retries, Duration firstBackoff, Duration maxBackoff, int failuresToOpen,
                         Duration resetTimeout) {

    public CallPolicy {
        if (timeout.isNegative() || timeout.isZero() || retries < 0 || firstBackoff.isNegative()
                || maxBackoff.compareTo(firstBackoff) < 0 || failuresToOpen < 1 || resetTimeout.isNegative()) {
            throw new IllegalArgumentException("invalid case API call policy " + this);
        }
    }

    /** 3 s per attempt, 2 retries after 100 ms and 200 ms (at most 400 ms), open after 5 failures for 30 s. */
    public static CallPolicy defaults() {
        return new CallPolicy(Duration.ofSeconds(3), 2, Duration.ofMillis(100), Duration.ofMillis(400), 5,
                Duration.ofSeconds(30));
    }

    public CallPolicy withTimeout(Duration timeout) {
        return new CallPolicy(timeout, retries, firstBackoff, maxBackoff, failuresToOpen, resetTimeout);
    }

    public CallPolicy withRetries(int retries, Duration firstBackoff, Duration maxBackoff) {
        return new CallPolicy(timeout, retries, firstBackoff, maxBackoff, failuresToOpen, resetTimeout);
    }

    public CallPolicy withCircuitBreaker(int failuresToOpen, Duration resetTimeout) {
        return new CallPolicy(timeout, retries, firstBackoff, maxBackoff, failuresToOpen, resetTimeout);
    }

    /** The wait before retry number {@code retry} (1-based). */
    Duration backoff(int retry) {
        Duration delay = firstBackoff.multipliedBy(1L << Math.min(retry - 1, 20));
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
