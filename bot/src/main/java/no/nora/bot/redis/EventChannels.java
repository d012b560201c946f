package no.nora.bot.redis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Events on Redis: each topic has a channel of its own, and a publish carries the topic's events of one step as a
 * JSON array. Events are published by {@code RedisConversationEvents} and, for a turn's messages, inside the turn's
 * commit ({@code RedisConversationStore}).
 */
public final class EventChannels {
    static final String PREFIX = "nora:events:";

    private EventChannels() {
    }

    public static String channel(String topic) {
        return PREFIX + topic;
    }

    /**
     * A key in the slot a cluster keeps the channel's publishers on: a conversation's channel in its conversation's
     * slot (where the turn's commit publishes), any other in a slot of its own.
     */
    public static String slotKey(String channel) {
        String topic = channel.startsWith(PREFIX) ? channel.substring(PREFIX.length()) : channel;
        return "{" + (topic.startsWith("conv:") ? topic : channel) + "}";
    }

    public static String payload(List<JsonObject> events) {
        return new JsonArray(events).encode();
    }
}
