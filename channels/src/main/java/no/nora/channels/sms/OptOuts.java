package no.nora.channels.sms;

import io.vertx.core.Future;
import java.time.Duration;
import no.nora.bot.conversation.ConversationStore;
import no.nora.bot.conversation.Ids;

/**
 * Who said STOP. Kept durably in the conversation store under a hash of the number (never the number itself), for
 * ten years: an opt-out lasts until the debtor sends START.
 */
final class OptOuts {
    private static final Duration KEEP = Duration.ofDays(3650);
    private static final String OUT = "out";
    private static final String IN = "in";

    private final ConversationStore store;

    OptOuts(ConversationStore store) {
        this.store = store;
    }

    Future<Boolean> optedOut(String phone) {
        return store.lookup(key(phone)).map(value -> value.filter(OUT::equals).isPresent());
    }

    /** True when this changed anything, i.e. the number was subscribed until now. */
    Future<Boolean> optOut(String phone) {
        return optedOut(phone).compose(already -> already ? Future.succeededFuture(false)
                : store.putLookup(key(phone), OUT, KEEP).map(true));
    }

    /** True when the number had opted out until now. */
    Future<Boolean> optIn(String phone) {
        return optedOut(phone).compose(was -> was ? store.putLookup(key(phone), IN, KEEP).map(true)
                : Future.succeededFuture(false));
    }

    private static String key(String phone) {
        return "sms:optout:" + Ids.hash(phone);
    }
}
