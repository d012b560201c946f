package no.nora.bot.live;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Live events (new messages, typing, status changes, queue changes) for whoever is connected – on any gateway
 * instance. Messages are always stored before they are published, so a client that missed an event resyncs from
 * the store; events are a fast path, not the record.
 */
public interface ConversationEvents {

    /** Topic of one conversation's events. */
    static String conversation(String conversationId) {
        return "conv:" + conversationId;
    }

    /** Topic of queue changes and agent-side events. */
    String AGENTS = "agents";

    Future<Void> publish(String topic, JsonObject event);

    /** Several events of one topic, delivered in order; with Redis one publish for all of them. */
    Future<Void> publishAll(String topic, List<JsonObject> events);

    /** Receives the topic's events on this instance, until the subscription is cancelled. */
    Subscription subscribe(String topic, Handler<JsonObject> handler);
}
