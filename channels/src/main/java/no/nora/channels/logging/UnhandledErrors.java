package no.nora.channels.logging;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exceptions that reached Vert.x with nothing else to handle them: each is a bug, logged as an error – except one
 * known bug of Vert.x itself (eclipse-vertx/vert.x#6169, unfixed in 5.0.x): under load, the HTTP client's pool can
 * hand a waiting request a connection and then also fail its wait. The request goes on and succeeds; the second
 * completion only throws. An error line for every such wait would send operators after a problem that is not there.
 */
public final class UnhandledErrors {
    private static final Logger log = LoggerFactory.getLogger(UnhandledErrors.class);
    private static final String POOL_WAIT = "io.vertx.core.http.impl.SharedHttpClientConnectionGroup$Request";

    private UnhandledErrors() {
    }

    public static void log(Throwable failure) {
        if (isPoolWaitCompletedTwice(failure)) {
            log.debug("Vert.x HTTP client pool completed a connection wait twice (vert.x#6169); the request went on");
            return;
        }
        log.error("Unhandled exception", failure);
    }

    static boolean isPoolWaitCompletedTwice(Throwable failure) {
        return failure instanceof IllegalStateException && "Promise already completed".equals(failure.getMessage())
                && Arrays.stream(failure.getStackTrace()).anyMatch(frame -> frame.getClassName().equals(POOL_WAIT));
    }
}
