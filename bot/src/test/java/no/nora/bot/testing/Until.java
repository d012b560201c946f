package no.nora.bot.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Polls for a state that no event announces: a server process answering, a cluster agreeing on its shape, a
 * sentinel seeing a replica. Everything that does send an event is awaited through it instead.
 */
public final class Until {
    private static final long EVERY_MS = 50;

    private Until() {
    }

    /** Returns once {@code condition} holds; fails naming {@code what} if it does not within {@code within}. */
    public static void holds(String what, Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!quietly(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within.toSeconds() + " s: " + what);
            }
            pause(EVERY_MS);
        }
    }

    private static boolean quietly(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
