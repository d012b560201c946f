package no.nora.bot.learning;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;

/**
 * The team's review inbox and the examples it labelled, shared by every gateway instance: Redis in production
 * ({@link RedisReviewStore}), memory in the demo ({@link InMemoryReviewStore}). An open item is kept until it is
 * decided or pushed out by newer ones ({@link #OPEN_CAP}); a decided one until it is taken back or its conversation
 * is erased. Failures come back as {@code StoreUnavailableException}.
 */
public interface ReviewStore {
    /** Open items kept; beyond, the oldest go (the inbox shows what the bot fails on now). */
    int OPEN_CAP = 5_000;
    /** Decided items kept (labelled examples, new-intent notes, dismissals); beyond, the oldest decisions go. */
    int DECIDED_CAP = 10_000;

    Future<Void> add(ReviewItem item);

    /** The open items, newest first, at most {@code max}. */
    Future<List<ReviewItem>> open(int max);

    /** How many items are open. */
    Future<Long> openCount();

    /** Every decided item, newest decision first. */
    Future<List<ReviewItem>> decided();

    /**
     * Records a decision on each of the items that is still open ({@code decision} makes it from the item: the
     * language stays the item's unless chosen); completes with the items it decided (an item another supervisor
     * decided first is left as it is).
     */
    Future<List<ReviewItem>> decide(List<String> ids, Function<ReviewItem, ReviewItem.Decision> decision);

    /** Takes a decided or open item out for good. */
    Future<Void> remove(String id);

    /** Erases every item of a conversation, open or decided (the debtor's erasure). */
    Future<Void> forget(String conversationId);
}
