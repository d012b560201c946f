package no.nora.bot.redis;

/**
 * A conversation's turn lock in Redis: its keys, the channel that wakes instances waiting for it, and the Lua that
 * releases it. Two scripts release it: the turn order's own release, and the commit that ends a turn in the same
 * step as its writes ({@code RedisConversationStore}).
 */
public final class TurnLocks {
    /** Where a release is told, when another instance marked that it waits; the message is the conversation id. */
    public static final String RELEASED = "nora:released";

    private TurnLocks() {
    }

    public static String lockKey(String conversationId) {
        return "{conv:" + conversationId + "}:lock";
    }

    /** Set while another instance waits for the lock (in the same slot as the lock). */
    public static String waitersKey(String conversationId) {
        return "{conv:" + conversationId + "}:lock:w";
    }

    /**
     * Lua that releases the lock if it still holds {@code token} (a lock that expired and was taken by another turn
     * is left alone), and wakes waiting instances. Each argument is a Lua expression, e.g. {@code KEYS[1]}.
     */
    public static String releaseLua(String lockKey, String waitersKey, String token, String conversationId) {
        return """
                if redis.call('GET', %1$s) == %3$s then
                  redis.call('DEL', %1$s)
                  if redis.call('DEL', %2$s) == 1 then
                    redis.call('PUBLISH', '%5$s', %4$s)
                  end
                end
                """.formatted(lockKey, waitersKey, token, conversationId, RELEASED);
    }
}
