package no.nora.bot.live;

import io.vertx.core.Future;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import no.nora.bot.conversation.TurnHold;

/**
 * Runs the work of one conversation one piece at a time, in the order it arrived – in this process and, with
 * Redis, across every gateway instance.
 */
public interface TurnOrder {
    <T> Future<T> inOrder(String conversationId, Supplier<Future<T>> work);

    /**
     * As {@link #inOrder(String, Supplier)}, for work that starts by reading the conversation. With Redis the read
     * goes out right behind the lock, so taking the turn and reading cost one round trip (and it is read again if
     * the turn had to wait for another instance).
     */
    default <R, T> Future<T> inOrder(String conversationId, Supplier<Future<R>> read, Function<R, Future<T>> work) {
        return inOrder(conversationId, () -> read.get().compose(work));
    }

    /**
     * As {@link #inOrder(String, Supplier, Function)}; the work also gets the turn's hold on the conversation, which
     * its commit may release in the same step as its writes ({@link no.nora.bot.conversation.TurnClose}).
     */
    default <R, T> Future<T> inOrderHeld(String conversationId, Supplier<Future<R>> read,
                                         BiFunction<R, TurnHold, Future<T>> work) {
        return inOrder(conversationId, read, r -> work.apply(r, TurnHold.inProcess()));
    }
}
