package no.nora.bot.handoff;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The supervisor's figures: the queue and the agents now, and counts per day. A day's counts are named
 * {@code started} (conversations begun), {@code handoff.<reason>}, {@code outcome.<outcome>} and
 * {@code reply.<bucket>} (time from the handoff to the agent's first reply, in buckets: no sum of seconds is stored,
 * so no stored number grows long), and of the bot's answers {@code messages} (debtor messages the bot answered),
 * {@code fallback} (of those, the ones it did not understand) and {@code intent.<label>}.
 */
public record HandoffFigures(Instant at, List<QueueEntry> waiting, List<Handoffs.AgentLoad> agents, List<Day> days) {

    /** Upper bounds of the first-reply buckets, in minutes; beyond the last is {@code reply.more}. */
    static final int[] REPLY_MINUTES = {1, 2, 5, 10, 15, 30};

    public HandoffFigures {
        waiting = List.copyOf(waiting);
        agents = List.copyOf(agents);
        days = List.copyOf(days);
    }

    static String replyBucket(Duration wait) {
        for (int minutes : REPLY_MINUTES) {
            if (wait.compareTo(Duration.ofMinutes(minutes)) <= 0) {
                return "reply.le" + minutes + "m";
            }
        }
        return "reply.more";
    }

    /** How long the longest-waiting debtor has waited. */
    public Duration oldestWait() {
        return waiting.stream().map(e -> Duration.between(e.queuedAt(), at)).max(Duration::compareTo)
                .filter(d -> !d.isNegative()).orElse(Duration.ZERO);
    }

    public record Day(LocalDate date, Map<String, Long> counts) {
        public Day {
            counts = Map.copyOf(counts);
        }

        public long started() {
            return counts.getOrDefault("started", 0L);
        }

        /** Handoffs per reason code. */
        public Map<String, Long> handoffs() {
            return prefixed("handoff.");
        }

        public Map<String, Long> outcomes() {
            return prefixed("outcome.");
        }

        /** Debtor messages the bot answered, per intent understood. */
        public Map<String, Long> intents() {
            return prefixed("intent.");
        }

        public long messages() {
            return counts.getOrDefault("messages", 0L);
        }

        public long fallbacks() {
            return counts.getOrDefault("fallback", 0L);
        }

        /** Share of the messages the bot answered that it did not understand (0–1); absent without messages. */
        public java.util.OptionalDouble fallbackRate() {
            return messages() == 0 ? java.util.OptionalDouble.empty()
                    : java.util.OptionalDouble.of(Math.min(1, (double) fallbacks() / messages()));
        }

        public long handoffCount() {
            return handoffs().values().stream().mapToLong(Long::longValue).sum();
        }

        /** Share of the day's conversations finished without a person (0–1); absent without conversations. */
        public java.util.OptionalDouble containment() {
            if (started() == 0) {
                return java.util.OptionalDouble.empty();
            }
            return java.util.OptionalDouble.of(Math.max(0, 1 - (double) handoffCount() / started()));
        }

        /**
         * The median time to the first agent reply, as the upper bound of its bucket in minutes (the last bucket
         * counts as twice the last bound); absent on a day without replies.
         */
        public java.util.OptionalInt medianFirstReplyMinutes() {
            long total = prefixed("reply.").values().stream().mapToLong(Long::longValue).sum();
            if (total == 0) {
                return java.util.OptionalInt.empty();
            }
            long seen = 0;
            for (int minutes : REPLY_MINUTES) {
                seen += counts.getOrDefault("reply.le" + minutes + "m", 0L);
                if (seen * 2 >= total) {
                    return java.util.OptionalInt.of(minutes);
                }
            }
            return java.util.OptionalInt.of(REPLY_MINUTES[REPLY_MINUTES.length - 1] * 2);
        }

        private Map<String, Long> prefixed(String prefix) {
            var out = new java.util.TreeMap<String, Long>();
            counts.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    out.put(k.substring(prefix.length()), v);
                }
            });
            return out;
        }
    }
}
