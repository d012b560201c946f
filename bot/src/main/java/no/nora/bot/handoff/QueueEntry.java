package no.nora.bot.handoff;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import no.nora.bot.text.Timestamps;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import no.nora.bot.conversation.Channel;
import no.nora.bot.conversation.ConversationState;
import no.nora.bot.conversation.Ids;
import no.nora.intents.Language;

/**
 * A conversation handed to people: what an agent sees at a glance (channel, language, case, why, what the debtor
 * wanted and what the bot collected) and who has it. Stored as JSON; times as ISO text, never as digit runs.
 *
 * @param task        what the debtor wanted (the task in progress when the bot handed over), if any
 * @param slots       what the bot had collected for that task
 * @param leftMessage a message left outside opening hours or after expiry: it waits without a deadline
 * @param debtorKey   the debtor (signed-in id or phone) as a hash of letters, to find their earlier conversations
 * @param ending      how the agent's part ended; the entry is then kept for the recently ended list
 */
public record QueueEntry(
        String conversationId,
        Channel channel,
        Language language,
        Optional<String> caseId,
        HandoffReason reason,
        Optional<String> task,
        Map<String, String> slots,
        Instant queuedAt,
        boolean leftMessage,
        Optional<String> agentId,
        Optional<String> agentName,
        Optional<Instant> claimedAt,
        Optional<Instant> firstReplyAt,
        Optional<String> debtorKey,
        Optional<Ending> ending) {

    public QueueEntry {
        slots = Map.copyOf(slots);
    }

    public boolean waiting() {
        return agentId.isEmpty() && ending.isEmpty();
    }

    public boolean ended() {
        return ending.isPresent();
    }

    /** The key under which a debtor's conversations are found again: letters only, never the id or number itself. */
    public static Optional<String> debtorKey(ConversationState state) {
        return state.debtorId().map(id -> "d:" + id).or(() -> state.phone().map(p -> "p:" + p))
                .map(Ids::hash);
    }

    /** Queue order: priority (lower first), then who has waited longest. */
    public double score() {
        return reason.priority() * 1e13 + queuedAt.toEpochMilli();
    }

    public QueueEntry claimedBy(Agent agent, Instant at) {
        return new QueueEntry(conversationId, channel, language, caseId, reason, task, slots, queuedAt, leftMessage,
                Optional.of(agent.id()), Optional.of(agent.name()), Optional.of(at), firstReplyAt, debtorKey, Optional.empty());
    }

    /** Back in the queue for any agent, in its old place: the debtor has waited since {@code queuedAt}. */
    public QueueEntry unclaimed() {
        return new QueueEntry(conversationId, channel, language, caseId, reason, task, slots, queuedAt, leftMessage,
                Optional.empty(), Optional.empty(), Optional.empty(), firstReplyAt, debtorKey, Optional.empty());
    }

    public QueueEntry endedWith(Ending value) {
        return new QueueEntry(conversationId, channel, language, caseId, reason, task, slots, queuedAt, leftMessage,
                agentId, agentName, claimedAt, firstReplyAt, debtorKey, Optional.of(value));
    }

    public QueueEntry firstReplied(Instant at) {
        return new QueueEntry(conversationId, channel, language, caseId, reason, task, slots, queuedAt, leftMessage,
                agentId, agentName, claimedAt, Optional.of(at), debtorKey, ending);
    }

    public JsonObject toJson() {
        var json = new JsonObject()
                .put("id", conversationId)
                .put("ch", channel.code())
                .put("lang", language.code())
                .put("reason", reason.code())
                .put("slots", new JsonObject(new HashMap<>(slots)))
                .put("queuedAt", Timestamps.text(queuedAt))
                .put("leftMessage", leftMessage);
        caseId.ifPresent(v -> json.put("case", v));
        task.ifPresent(v -> json.put("task", v));
        agentId.ifPresent(v -> json.put("agent", v));
        agentName.ifPresent(v -> json.put("agentName", v));
        claimedAt.ifPresent(v -> json.put("claimedAt", Timestamps.text(v)));
        firstReplyAt.ifPresent(v -> json.put("firstReplyAt", Timestamps.text(v)));
        debtorKey.ifPresent(v -> json.put("debtor", v));
        ending.ifPresent(v -> json.put("outcome", v.outcome().code()).put("endedAt", Timestamps.text(v.at()))
                .put("endedBy", v.byAgentId()));
        return json;
    }

    public static QueueEntry fromJson(JsonObject json) {
        var slots = new HashMap<String, String>();
        json.getJsonObject("slots", new JsonObject()).forEach(e -> slots.put(e.getKey(), String.valueOf(e.getValue())));
        return new QueueEntry(
                json.getString("id"),
                Channel.valueOf(json.getString("ch").toUpperCase(java.util.Locale.ROOT)),
                Language.fromCode(json.getString("lang")).orElse(Language.NB),
                Optional.ofNullable(json.getString("case")),
                HandoffReason.valueOf(json.getString("reason").toUpperCase(java.util.Locale.ROOT)),
                Optional.ofNullable(json.getString("task")),
                slots,
                Instant.parse(json.getString("queuedAt")),
                json.getBoolean("leftMessage", false),
                Optional.ofNullable(json.getString("agent")),
                Optional.ofNullable(json.getString("agentName")),
                Optional.ofNullable(json.getString("claimedAt")).map(Instant::parse),
                Optional.ofNullable(json.getString("firstReplyAt")).map(Instant::parse),
                Optional.ofNullable(json.getString("debtor")),
                Optional.ofNullable(json.getString("outcome")).flatMap(HandoffOutcome::fromCode)
                        .map(outcome -> new Ending(outcome, Instant.parse(json.getString("endedAt")),
                                json.getString("endedBy", ""))));
    }

    /** The shape agents get: the summary, who has it and how long the debtor has waited. */
    public JsonObject view(Instant now) {
        var json = new JsonObject()
                .put("conversationId", conversationId)
                .put("channel", channel.code())
                .put("language", language.code())
                .put("caseId", caseId.orElse(null))
                .put("reason", reason.code())
                .put("priority", reason.priority())
                .put("summary", new JsonObject()
                        .put("wanted", task.orElse(null))
                        .put("collected", new JsonObject(new HashMap<>(slots))))
                .put("queuedAt", Timestamps.text(queuedAt))
                .put("waitingSeconds", Math.max(0, Duration.between(queuedAt, now).toSeconds()))
                .put("leftMessage", leftMessage)
                .put("status", ending.isPresent() ? "ended" : waiting() ? "queued" : "assigned");
        agentId.ifPresent(id -> json.put("agent", new JsonObject().put("id", id).put("name", agentName.orElse(""))));
        claimedAt.ifPresent(at -> json.put("claimedAt", Timestamps.text(at)));
        firstReplyAt.ifPresent(at -> json.put("firstReplyAt", Timestamps.text(at)));
        ending.ifPresent(e -> json.put("outcome", e.outcome().code()).put("endedAt", Timestamps.text(e.at())));
        return json;
    }
}
