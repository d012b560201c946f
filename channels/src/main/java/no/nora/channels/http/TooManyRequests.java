package no.nora.channels.http;

import java.time.Duration;

/** A rate limit was hit; carries how long the client should wait (Retry-After, whole seconds). */
public final class TooManyRequests extends RuntimeException {
    private final long retryAfterSeconds;

    public TooManyRequests(Duration wait) {
        super("Too many messages. Wait a moment and try again.", null, false, false);
        this.retryAfterSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public ApiException asApiException() {
        return new ApiException(429, "too_many_requests", getMessage());
    }
}
