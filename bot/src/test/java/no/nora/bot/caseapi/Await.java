package no.nora.bot.caseapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a future from the test thread (never from an event loop). */
public final class Await {

    private Await() {
    }

    public static <T> T result(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("Expected success, got " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("No result within 10 s", e);
        }
    }

    public static CaseApiException caseApiFailure(Future<?> future) {
        try {
            Object result = future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            throw new AssertionError("Expected a CaseApiException, got " + result);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(CaseApiException.class);
            return (CaseApiException) e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("No result within 10 s", e);
        }
    }
}
