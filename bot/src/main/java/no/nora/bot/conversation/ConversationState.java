package no.nora.bot.conversation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import no.nora.bot.handoff.HandoffStatus;
import no.nora.intents.Language;

/**
 * Everything the engine remembers about one conversation between turns, apart from the transcript. Small on
 * purpose: it is written whole every turn (one short string in Redis), never with the history.
 *
 * @param debtorId      the signed-in debtor (web with a My Page token); absent for anonymous chats
 * @param phone         the debtor's number (SMS)
 * @param caseId        the case the conversation is about, once known (SMS: the reminder's case)
 * @param task          the task in progress (e.g. {@code invoice_copy}), absent when idle
 * @param slots         what the task has collected and the question it is waiting for; slots named
 *                      {@code ctx.*} are the conversation's context and outlive the task (see {@link #CONTEXT})
 * @param misses        misunderstood messages in a row
 */
public record ConversationState(
        String id,
        Channel channel,
        Language language,
        Optional<String> debtorId,
        Optional<String> phone,
        Optional<String> caseId,
        Optional<String> task,
        Map<String, String> slots,
        HandoffStatus handoff,
        Optional<String> agentId,
        int misses,
        boolean redactionNoticeGiven,
        String tokenHash,
        Instant createdAt,
        Optional<String> lastDebtorMessageId) {

    /**
     * Prefix of slots that belong to the conversation rather than to one task (the last task done, what the debtor
     * has been told already): kept when a task starts, ends or replaces its slots.
     */
    public static final String CONTEXT = "ctx.";
    /** When the gateway sent the reminder this SMS conversation answers (digit-free, see {@link DigitFree}). */
    private static final String REMINDED_AT = CONTEXT + "reminded";

    public ConversationState {
        slots = Map.copyOf(slots);
    }

    public static ConversationState start(String id, Channel channel, Language language, Optional<String> debtorId,
                                          Optional<String> phone, Optional<String> caseId, String tokenHash, Instant now) {
        return new ConversationState(id, channel, language, debtorId, phone, caseId, Optional.empty(), Map.of(),
                HandoffStatus.BOT, Optional.empty(), 0, false, tokenHash, now, Optional.empty());
    }

    /** True when {@code token} is this conversation's token (compared in constant time). */
    public boolean opensWith(String token) {
        return java.security.MessageDigest.isEqual(tokenHash.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Ids.hash(token).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * An anonymous chat nobody has written in yet: a page view, not yet a conversation. Kept for an hour only, so
     * opening chats costs an attacker's target little (the full retention starts with the first message).
     */
    public boolean untouched() {
        return channel == Channel.WEB && debtorId.isEmpty() && lastDebtorMessageId.isEmpty()
                && handoff == HandoffStatus.BOT;
    }

    /** How long this conversation is kept after its last change, given the configured retention. */
    public java.time.Duration keptFor(java.time.Duration retention) {
        return untouched() && retention.compareTo(UNTOUCHED_RETENTION) > 0 ? UNTOUCHED_RETENTION : retention;
    }

    static final java.time.Duration UNTOUCHED_RETENTION = java.time.Duration.ofHours(1);

    public boolean signedIn() {
        return debtorId.isPresent();
    }

    /** When the gateway sent the reminder this conversation answers, if it did. */
    public Optional<Instant> remindedAt() {
        return slot(REMINDED_AT).map(at -> Instant.ofEpochSecond(DigitFree.countBack(at)));
    }

    public ConversationState withRemindedAt(Instant at) {
        return withSlot(REMINDED_AT, DigitFree.count(at.getEpochSecond()));
    }

    public Optional<String> slot(String name) {
        return Optional.ofNullable(slots.get(name));
    }

    public ConversationState withLanguage(Language value) {
        return new ConversationState(id, channel, value, debtorId, phone, caseId, task, slots, handoff, agentId, misses,
                redactionNoticeGiven, tokenHash, createdAt, lastDebtorMessageId);
    }

    public ConversationState withCase(Optional<String> value) {
        return new ConversationState(id, channel, language, debtorId, phone, value, task, slots, handoff, agentId, misses,
                redactionNoticeGiven, tokenHash, createdAt, lastDebtorMessageId);
    }

    /** Starts, continues or (with an empty task) ends a task; the task's slots are replaced as given. */
    public ConversationState withTask(Optional<String> value, Map<String, String> newSlots) {
        var kept = new LinkedHashMap<String, String>();
        slots.forEach((k, v) -> {
            if (k.startsWith(CONTEXT)) {
                kept.put(k, v);
            }
        });
        kept.putAll(newSlots);
        return new ConversationState(id, channel, language, debtorId, phone, caseId, value, kept, handoff, agentId,
                misses, redactionNoticeGiven, tokenHash, createdAt, lastDebtorMessageId);
    }

    public ConversationState idle() {
        return withTask(Optional.empty(), Map.of());
    }

    public ConversationState withSlot(String name, String value) {
        var copy = new LinkedHashMap<>(slots);
        copy.put(name, value);
        return withTask(task, copy);
    }

    public ConversationState withoutSlot(String name) {
        var copy = new LinkedHashMap<>(slots);
        copy.remove(name);
        return new ConversationState(id, channel, language, debtorId, phone, caseId, task, copy, handoff, agentId,
                misses, redactionNoticeGiven, tokenHash, createdAt, lastDebtorMessageId);
    }

    public ConversationState withHandoff(HandoffStatus value, Optional<String> agent) {
        return new ConversationState(id, channel, language, debtorId, phone, caseId, task, slots, value, agent, misses,
                redactionNoticeGiven, tokenHash, createdAt, lastDebtorMessageId);
    }

    public ConversationState withMisses(int value) {
        return new ConversationState(id, channel, language, debtorId, phone, caseId, task, slots, handoff, agentId, value,
                redactionNoticeGiven, tokenHash, createdAt, lastDebtorMessageId);
    }

    public ConversationState withRedactionNoticeGiven() {
        return new ConversationState(id, channel, language, debtorId, phone, caseId, task, slots, handoff, agentId, misses,
                true, tokenHash, createdAt, lastDebtorMessageId);
    }

    /**
     * The debtor's sign-in has run out: the conversation goes on as an anonymous one, without the debtor, the case
     * and whatever a task had gathered from the case API (the conversation's context stays).
     */
    public ConversationState signedOut() {
        var kept = new LinkedHashMap<String, String>();
        slots.forEach((k, v) -> {
            if (k.startsWith(CONTEXT)) {
                kept.put(k, v);
            }
        });
        return new ConversationState(id, channel, language, Optional.empty(), phone, Optional.empty(), Optional.empty(),
                kept, handoff, agentId, misses, redactionNoticeGiven, tokenHash, createdAt, lastDebtorMessageId);
    }

    /** The debtor signed in (again) during the conversation. */
    public ConversationState signedIn(String debtor) {
        return new ConversationState(id, channel, language, Optional.of(debtor), phone, caseId, task, slots, handoff,
                agentId, misses, redactionNoticeGiven, tokenHash, createdAt, lastDebtorMessageId);
    }

    public ConversationState withLastDebtorMessage(String messageId) {
        return new ConversationState(id, channel, language, debtorId, phone, caseId, task, slots, handoff, agentId, misses,
                redactionNoticeGiven, tokenHash, createdAt, Optional.of(messageId));
    }
}
