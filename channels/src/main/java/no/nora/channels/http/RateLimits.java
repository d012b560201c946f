package no.nora.channels.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets in memory, one per key (a conversation, a client address). Each instance of the gateway counts on
 * its own; that is enough to stop one client from flooding the bot.
 */
public final class RateLimits {
    /** At most {@code perMinute} requests per key and minute, refilled continuously. */
    public record Limit(int perMinute) {
    }

    public static final Limit MESSAGES_PER_CONVERSATION = new Limit(30);
    public static final Limit REQUESTS_PER_ADDRESS = new Limit(120);
    static final int MAX_KEYS = 100_000;
    /** How often, at most, a full table is swept: a sweep walks every key, too much for every request in a flood. */
    private static final long SWEEP_EVERY_MS = 1_000;

    private final Limit limit;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong();

    public RateLimits(Limit limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** Empty when allowed; otherwise how long to wait before the next request is allowed. */
    public java.util.Optional<Duration> take(String key) {
        long now = clock.millis();
        long sweepDue = nextSweep.get();
        if (buckets.size() > MAX_KEYS && now >= sweepDue && nextSweep.compareAndSet(sweepDue, now + SWEEP_EVERY_MS)) {
            // Keys whose bucket has refilled since their last request are as good as new: forget them.
            buckets.values().removeIf(b -> b.fullAt(limit) <= now);
        }
        var bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit.perMinute(), now));
        synchronized (bucket) {
            bucket.refill(limit, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return java.util.Optional.empty();
            }
            long millisPerToken = 60_000L / limit.perMinute();
            return java.util.Optional.of(Duration.ofMillis((long) Math.ceil((1 - bucket.tokens) * millisPerToken)));
        }
    }

    /** Empty while {@code key} has a request left; otherwise how long until it has one. Takes nothing. */
    public java.util.Optional<Duration> exhausted(String key) {
        var bucket = buckets.get(key);
        if (bucket == null) {
            return java.util.Optional.empty();
        }
        long now = clock.millis();
        synchronized (bucket) {
            bucket.refill(limit, now);
            if (bucket.tokens >= 1) {
                return java.util.Optional.empty();
            }
            long millisPerToken = 60_000L / limit.perMinute();
            return java.util.Optional.of(Duration.ofMillis((long) Math.ceil((1 - bucket.tokens) * millisPerToken)));
        }
    }

    /** Keys held now; for tests. */
    int keys() {
        return buckets.size();
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        void refill(Limit limit, long now) {
            tokens = Math.min(limit.perMinute(), tokens + (now - at) * limit.perMinute() / 60_000.0);
            at = now;
        }

        synchronized long fullAt(Limit limit) {
            return at + (long) ((limit.perMinute() - tokens) * 60_000.0 / limit.perMinute());
        }
    }
}
