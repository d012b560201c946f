package no.nora.bot.live;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * Runs the work of one conversation one piece at a time, in the order it arrived – in this process and, with
 * Redis, across every gateway instance.
 */
public interface TurnOrder {
    <T> Future<T> inOrder(String conversationId, Supplier<Future<T>> work);
}
