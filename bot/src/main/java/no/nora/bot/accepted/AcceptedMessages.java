package no.nora.bot.accepted;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;

/**
 * Messages a channel has acknowledged to their sender but not yet answered (an SMS Twilio has its 200 for): kept
 * until their turn is done, so an instance that stops or crashes in between does not lose them. Each entry is
 * leased to the instance that kept it; the lease is renewed while the turn runs, and an entry whose lease ran out
 * is taken over by another instance. Entries hold no run of digits (the channel encodes them).
 */
public interface AcceptedMessages {
    /** One entry: its key (unique per message, e.g. a hash of the provider's id) and what the channel stored. */
    record Accepted(String key, String entry) {
    }

    /**
     * Keeps the entry, leased to this instance, unless its key was kept before (within the deduplication window).
     *
     * @return false for a duplicate: the sender retried a message already accepted
     */
    Future<Boolean> keep(String key, String entry);

    /** The message is answered (or given up): forgets its entry; its key still counts for deduplication. */
    Future<Void> done(Accepted accepted);

    /** Extends the leases of the entries this instance is still working on. */
    Future<Void> renew(Collection<Accepted> accepted);

    /** Entries whose lease ran out (their instance stopped or crashed), now leased to this instance; oldest first. */
    Future<List<Accepted>> takeOverdue(int max);
}
