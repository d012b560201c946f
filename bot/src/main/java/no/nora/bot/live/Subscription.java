package no.nora.bot.live;

import io.vertx.core.Future;

/** A listener on one topic's events, on this instance. */
public interface Subscription {

    /**
     * Completes when events published from now on reach the listener; with Redis, once Redis has confirmed the
     * subscription. Tell a client it is live only after this.
     */
    Future<Void> ready();

    /** Stops listening; calling it again does nothing. */
    void cancel();
}
