package no.nora.bot.conversation;

import java.util.Optional;

/**
 * A turn's hold on its conversation while it runs: with Redis, the token of the conversation's lock. The turn's
 * commit may release it in the same step as its writes ({@link TurnClose}); otherwise the turn order releases it
 * once the turn is done.
 */
public final class TurnHold {
    private final Optional<String> lockToken;
    private volatile boolean released;

    public TurnHold(Optional<String> lockToken) {
        this.lockToken = lockToken;
    }

    /** A turn ordered within this process only: no lock a store could release. */
    public static TurnHold inProcess() {
        return new TurnHold(Optional.empty());
    }

    public Optional<String> lockToken() {
        return lockToken;
    }

    /** The commit released it: the turn order has nothing left to release. */
    public void releasedByCommit() {
        released = true;
    }

    public boolean released() {
        return released;
    }
}
