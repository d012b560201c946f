package no.nora.bot.handoff;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The day's figures as this instance counts them, added up here and written to the store in one step a second:
 * counting every message would otherwise cost the store a write per message. A crash loses at most the last
 * second's counts, which a figure can bear.
 */
final class DayCounts {
    private final HandoffQueue queue;
    private Map<LocalDate, Map<String, Long>> pending = new HashMap<>();

    DayCounts(HandoffQueue queue) {
        this.queue = queue;
    }

    synchronized void add(LocalDate day, List<String> figures) {
        var counts = pending.computeIfAbsent(day, d -> new HashMap<>());
        figures.forEach(figure -> counts.merge(figure, 1L, Long::sum));
    }

    /** Writes what was counted since the last flush; what fails to be written is added back for the next one. */
    Future<Void> flush() {
        Map<LocalDate, Map<String, Long>> taken;
        synchronized (this) {
            if (pending.isEmpty()) {
                return Future.succeededFuture();
            }
            taken = pending;
            pending = new HashMap<>();
        }
        var writes = new ArrayList<Future<Void>>();
        taken.forEach((day, counts) -> writes.add(queue.count(day, counts).recover(e -> {
            putBack(day, counts);
            return Future.failedFuture(e);
        })));
        return Future.join(writes).mapEmpty();
    }

    private synchronized void putBack(LocalDate day, Map<String, Long> counts) {
        var now = pending.computeIfAbsent(day, d -> new HashMap<>());
        counts.forEach((figure, n) -> now.merge(figure, n, Long::sum));
    }
}
