package no.nora.channels.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import no.nora.bot.testing.HandClock;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
    private final HandClock clock = new HandClock(Instant.parse("2026-11-22T10:00:00Z"));

    @Test
    void aKeyGetsItsLimitAMinuteAndThenWaitsForTheRefill() {
        var limits = new RateLimits(new RateLimits.Limit(3), clock);

        assertThat(limits.take("a")).isEmpty();
        assertThat(limits.take("a")).isEmpty();
        assertThat(limits.take("a")).isEmpty();
        assertThat(limits.take("a")).contains(Duration.ofSeconds(20));
        assertThat(limits.take("b")).as("another key counts on its own").isEmpty();
        clock.advance(Duration.ofSeconds(20));
        assertThat(limits.take("a")).isEmpty();
    }

    @Test
    void aFloodOfKeysIsForgottenOnceTheirBucketsHaveRefilled() {
        var limits = new RateLimits(new RateLimits.Limit(1), clock);
        for (int i = 0; i <= RateLimits.MAX_KEYS; i++) {
            limits.take("address-" + i);
        }
        assertThat(limits.keys()).isEqualTo(RateLimits.MAX_KEYS + 1);

        // Still active: nothing to forget, however many requests come.
        limits.take("one more");
        limits.take("and another");
        assertThat(limits.keys()).isEqualTo(RateLimits.MAX_KEYS + 3);

        clock.advance(Duration.ofSeconds(2));
        limits.take("address-0");
        assertThat(limits.keys()).as("a sweep, but no bucket has refilled yet").isEqualTo(RateLimits.MAX_KEYS + 3);

        clock.advance(Duration.ofMinutes(1));
        limits.take("late");
        assertThat(limits.keys()).as("refilled buckets forgotten").isEqualTo(1);
    }
}
