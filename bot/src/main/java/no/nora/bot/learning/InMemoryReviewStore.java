package no.nora.bot.learning;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The review inbox of a single gateway in the demo. Thread-safe: event loops share it. */
public final class InMemoryReviewStore implements ReviewStore {
    /** Both in the order items came in or were decided: the oldest first, for trimming. */
    private final Map<String, ReviewItem> open = new LinkedHashMap<>();
    private final Map<String, ReviewItem> decided = new LinkedHashMap<>();

    @Override
    public synchronized Future<Void> add(ReviewItem item) {
        open.put(item.id(), item);
        trim(open, OPEN_CAP);
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<List<ReviewItem>> open(int max) {
        return Future.succeededFuture(newestFirst(open, max));
    }

    @Override
    public synchronized Future<Long> openCount() {
        return Future.succeededFuture((long) open.size());
    }

    @Override
    public synchronized Future<List<ReviewItem>> decided() {
        return Future.succeededFuture(newestFirst(decided, Integer.MAX_VALUE));
    }

    @Override
    public synchronized Future<List<ReviewItem>> decide(List<String> ids,
                                                     Function<ReviewItem, ReviewItem.Decision> decision) {
        var out = new ArrayList<ReviewItem>();
        for (String id : ids) {
            var item = open.remove(id);
            if (item != null) {
                var done = item.decided(decision.apply(item));
                decided.put(id, done);
                out.add(done);
            }
        }
        trim(decided, DECIDED_CAP);
        return Future.succeededFuture(out);
    }

    @Override
    public synchronized Future<Void> remove(String id) {
        open.remove(id);
        decided.remove(id);
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Void> forget(String conversationId) {
        open.values().removeIf(i -> i.conversationId().equals(conversationId));
        decided.values().removeIf(i -> i.conversationId().equals(conversationId));
        return Future.succeededFuture();
    }

    private static List<ReviewItem> newestFirst(Map<String, ReviewItem> items, int max) {
        var all = new ArrayList<>(items.values());
        Collections.reverse(all);
        return List.copyOf(all.subList(0, Math.min(max, all.size())));
    }

    private static void trim(Map<String, ReviewItem> items, int cap) {
        var oldest = items.keySet().iterator();
        while (items.size() > cap && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
