package no.nora.bot.handoff;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Conversations handed to people, and their deadlines: Redis in production ({@link RedisHandoffQueue}, shared by
 * every instance, surviving restarts), memory in the demo ({@link InMemoryHandoffQueue}). Callers change one
 * conversation's entry only in its turn order, so the store needs no locking of its own – except for deadlines,
 * which every instance scans: {@link #due} hands each passed deadline to one instance only.
 *
 * <p>Beside the queue it keeps what the customer centre shares: the recently ended conversations, which agents
 * have the console open, and the day's counts the supervisor's figures are made of.
 */
public interface HandoffQueue {

    /** Writes the entry; a waiting entry joins the queue, a claimed one the assigned list. */
    Future<Void> save(QueueEntry entry);

    Future<Optional<QueueEntry>> find(String conversationId);

    /** Takes the conversation off the queue and the assigned list and drops its deadlines; keeps the entry if asked. */
    Future<Void> remove(String conversationId, boolean keepEntry);

    /** The queue in answering order: priority, then waiting time. */
    Future<List<QueueEntry>> waiting();

    /** Conversations agents have claimed, oldest claim first. */
    Future<List<QueueEntry>> assigned();

    Future<Long> waitingCount();

    Future<Void> schedule(HandoffTimer timer, Instant due);

    Future<Void> cancel(HandoffTimer timer);

    /**
     * Deadlines passed at {@code now}, each given to one caller only: it is pushed {@code lease} into the future, so
     * if the caller dies before cancelling it, it fires again later (on any instance).
     */
    Future<List<HandoffTimer>> due(Instant now, Duration lease);

    /** How many ended conversations are kept for the "recently ended" list. */
    int RECENTLY_ENDED = 200;

    /**
     * The entry (with its ending) leaves the queue and the assigned list, loses its deadlines and becomes the newest
     * of the recently ended, of which the oldest beyond {@link #RECENTLY_ENDED} are forgotten.
     */
    Future<Void> ended(QueueEntry entry);

    /** Recently ended conversations, newest first (an entry queued again since is left out). */
    Future<List<QueueEntry>> recentlyEnded();

    /** The agent has the console open (a heartbeat). */
    Future<Void> agentSeen(Agent agent, Instant at);

    /** The agent closed the console. */
    Future<Void> agentGone(String agentId);

    /** Agents heard from since {@code since}. */
    Future<List<AgentOnline>> agentsSeenSince(Instant since);

    /** Adds to figures of the day ({@code started}, {@code handoff.<reason>}, …) the amounts given, in one step. */
    Future<Void> count(LocalDate day, Map<String, Long> amounts);

    /** The day's figures; an empty map for a day without any. */
    Future<Map<String, Long>> figures(LocalDate day);
}
