package no.nora.channels.webchat;

import java.time.Duration;
import no.nora.channels.http.ApiException;

/** A rate limit was hit; carries how long the client should wait (Retry-After, whole seconds). */
final class TooManyRequests extends RuntimeException {
    private final long retryAfterSeconds;

    TooManyRequests(Duration wait) {
        super("Too many messages. Wait a moment and try again.", null, false, false);
        this.retryAfterSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    ApiException asApiException() {
        return new ApiException(429, "too_many_requests", getMessage());
    }
}
