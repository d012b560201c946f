package no.nora.channels.sms;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import no.nora.bot.ConversationEngine;
import no.nora.bot.NewConversation;
import no.nora.bot.conversation.ConversationState;
import no.nora.bot.conversation.ConversationStore;
import no.nora.bot.conversation.DigitFree;
import no.nora.bot.conversation.Ids;
import no.nora.intents.Language;

/**
 * Which conversation an SMS belongs to: one per pair of numbers (the debtor's and ours), started in the case of the
 * last reminder sent to that number. Keys and values hold hashes and ids only, never a number.
 */
final class SmsConversations {
    /** How long a reminder's case is remembered for replies and fraud checks. */
    static final Duration REMINDER_KEPT = Duration.ofDays(60);

    private final ConversationEngine engine;
    private final ConversationStore store;
    private final Duration conversationTtl;

    SmsConversations(ConversationEngine engine, Duration conversationTtl) {
        this.engine = engine;
        this.store = engine.store();
        this.conversationTtl = conversationTtl;
    }

    /** The key that orders everything between two numbers. */
    static String pair(String debtor, String ours) {
        return Ids.hash(debtor + ">" + ours);
    }

    /**
     * The conversation of the two numbers, started when there is none. The id remembered may belong to a
     * conversation since erased or expired: its turn then fails as not found, and {@link #startAnew} begins another
     * (cheaper than reading every conversation before each message, as it is rare).
     */
    Future<String> conversationFor(String debtor, String ours) {
        String key = conversationKey(debtor, ours);
        return store.lookup(key).compose(found -> found.filter(id -> !id.isBlank())
                .map(Future::succeededFuture)
                .orElseGet(() -> start(debtor, key)));
    }

    /** A new conversation for the two numbers, in place of one that no longer exists. */
    Future<String> startAnew(String debtor, String ours) {
        return start(debtor, conversationKey(debtor, ours));
    }

    private Future<String> start(String debtor, String key) {
        return reminder(debtor)
                .compose(sent -> engine.start(NewConversation.sms(debtor, sent.map(Reminder::caseId),
                        sent.flatMap(Reminder::sentAt))))
                .compose(started -> store.putLookup(key, started.state().id(), conversationTtl)
                        .map(started.state().id()));
    }

    /** A reminder the gateway sent: its case, and when (absent for one remembered before the time was kept). */
    record Reminder(String caseId, Optional<Instant> sentAt) {
        /** Stored as "caseId sentAt", the time in letters: a case id holds no space, and no sink a digit run. */
        String stored() {
            return caseId + sentAt.map(at -> " " + DigitFree.count(at.getEpochSecond())).orElse("");
        }

        static Reminder of(String stored) {
            String[] parts = stored.split(" ", 2);
            return new Reminder(parts[0], parts.length < 2 ? Optional.empty()
                    : Optional.of(Instant.ofEpochSecond(DigitFree.countBack(parts[1]))));
        }
    }

    /** After a reminder, the next reply starts a conversation in the reminder's case, knowing when it was sent. */
    Future<Void> rememberReminder(String debtor, String ours, String caseId, Instant sentAt) {
        return store.putLookup(reminderKey(debtor), new Reminder(caseId, Optional.of(sentAt)).stored(), REMINDER_KEPT)
                .compose(done -> store.putLookup(conversationKey(debtor, ours), "", Duration.ofMinutes(1)));
    }

    /**
     * The language of the thread between the two numbers: its conversation's, or bokmål after a reminder (which is
     * sent in bokmål); empty when nothing has been said between them yet.
     */
    Future<Optional<Language>> language(String debtor, String ours) {
        return store.lookup(conversationKey(debtor, ours)).compose(found -> {
            var id = found.filter(c -> !c.isBlank());
            Future<Optional<Language>> spoken = id.isEmpty() ? Future.succeededFuture(Optional.empty())
                    : engine.find(id.get()).map(state -> state.map(ConversationState::language));
            return spoken.compose(language -> language.isPresent() ? Future.succeededFuture(language)
                    : reminder(debtor).map(reminded -> reminded.map(r -> Language.NB)));
        });
    }

    Future<Optional<Reminder>> reminder(String debtor) {
        return store.lookup(reminderKey(debtor)).map(found -> found.filter(c -> !c.isBlank()).map(Reminder::of));
    }

    private static String conversationKey(String debtor, String ours) {
        return "sms:conversation:" + pair(debtor, ours);
    }

    private static String reminderKey(String debtor) {
        return "sms:reminder:" + Ids.hash(debtor);
    }
}
