package no.nora.bot.handoff;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The queue of a single gateway without Redis (the demo). */
public final class InMemoryHandoffQueue implements HandoffQueue {
    private final Map<String, QueueEntry> entries = new ConcurrentHashMap<>();
    private final Map<String, Boolean> active = new ConcurrentHashMap<>();
    private final Map<HandoffTimer, Instant> timers = new ConcurrentHashMap<>();
    private final Deque<String> ended = new ArrayDeque<>();
    private final Map<String, AgentOnline> agents = new ConcurrentHashMap<>();
    private final Map<LocalDate, Map<String, Long>> figures = new ConcurrentHashMap<>();

    @Override
    public Future<Void> save(QueueEntry entry) {
        entries.put(entry.conversationId(), entry);
        if (entry.ended()) {
            active.remove(entry.conversationId());
        } else {
            active.put(entry.conversationId(), true);
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<Optional<QueueEntry>> find(String conversationId) {
        return Future.succeededFuture(Optional.ofNullable(entries.get(conversationId)));
    }

    @Override
    public Future<Void> remove(String conversationId, boolean keepEntry) {
        active.remove(conversationId);
        if (!keepEntry) {
            entries.remove(conversationId);
            synchronized (ended) {
                ended.remove(conversationId);
            }
        }
        timers.keySet().removeIf(t -> t.conversationId().equals(conversationId));
        return Future.succeededFuture();
    }

    @Override
    public Future<List<QueueEntry>> waiting() {
        return Future.succeededFuture(activeEntries().stream().filter(QueueEntry::waiting)
                .sorted(Comparator.comparingDouble(QueueEntry::score)).toList());
    }

    @Override
    public Future<List<QueueEntry>> assigned() {
        return Future.succeededFuture(activeEntries().stream().filter(e -> !e.waiting())
                .sorted(Comparator.comparing(e -> e.claimedAt().orElse(e.queuedAt()))).toList());
    }

    @Override
    public Future<Long> waitingCount() {
        return Future.succeededFuture(activeEntries().stream().filter(QueueEntry::waiting).count());
    }

    private List<QueueEntry> activeEntries() {
        var out = new ArrayList<QueueEntry>();
        active.keySet().forEach(id -> {
            var entry = entries.get(id);
            if (entry != null) {
                out.add(entry);
            }
        });
        return out;
    }

    @Override
    public Future<Void> schedule(HandoffTimer timer, Instant due) {
        timers.put(timer, due);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> cancel(HandoffTimer timer) {
        timers.remove(timer);
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<List<HandoffTimer>> due(Instant now, Duration lease) {
        var due = new ArrayList<HandoffTimer>();
        timers.forEach((timer, at) -> {
            if (!at.isAfter(now)) {
                due.add(timer);
            }
        });
        due.forEach(t -> timers.put(t, now.plus(lease)));
        return Future.succeededFuture(due);
    }

    @Override
    public Future<Void> ended(QueueEntry entry) {
        String id = entry.conversationId();
        entries.put(id, entry);
        active.remove(id);
        timers.keySet().removeIf(t -> t.conversationId().equals(id));
        synchronized (ended) {
            ended.remove(id);
            ended.addFirst(id);
            while (ended.size() > RECENTLY_ENDED) {
                entries.remove(ended.removeLast());
            }
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<List<QueueEntry>> recentlyEnded() {
        List<String> ids;
        synchronized (ended) {
            ids = List.copyOf(ended);
        }
        return Future.succeededFuture(ids.stream().map(entries::get)
                .filter(e -> e != null && e.ended()).toList());
    }

    @Override
    public Future<Void> agentSeen(Agent agent, Instant at) {
        agents.put(agent.id(), new AgentOnline(agent, at));
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> agentGone(String agentId) {
        agents.remove(agentId);
        return Future.succeededFuture();
    }

    @Override
    public Future<List<AgentOnline>> agentsSeenSince(Instant since) {
        return Future.succeededFuture(agents.values().stream().filter(a -> !a.lastSeen().isBefore(since))
                .sorted(Comparator.comparing(a -> a.agent().name())).toList());
    }

    @Override
    public Future<Void> count(LocalDate day, Map<String, Long> amounts) {
        var today = figures.computeIfAbsent(day, d -> new ConcurrentHashMap<>());
        amounts.forEach((figure, n) -> today.merge(figure, n, Long::sum));
        return Future.succeededFuture();
    }

    @Override
    public Future<Map<String, Long>> figures(LocalDate day) {
        return Future.succeededFuture(new HashMap<>(figures.getOrDefault(day, Map.of())));
    }
}
