package no.nora.bot.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A counter told apart by one tag ({@code nora.intents{intent=...}}), each value's meter looked up once: on the
 * message path, building a meter's id and finding it in the registry cost more than the count itself.
 */
public final class TaggedCounter {
    private final MeterRegistry registry;
    private final String name;
    private final String tag;
    private final String description;
    private final Map<String, Counter> byValue = new ConcurrentHashMap<>();

    /** @param description what one count is, for operators (the HELP line in /metrics) */
    public TaggedCounter(MeterRegistry registry, String name, String tag, String description) {
        this.registry = registry;
        this.name = name;
        this.tag = tag;
        this.description = description;
    }

    public void increment(String value) {
        increment(value, 1);
    }

    public void increment(String value, double amount) {
        byValue.computeIfAbsent(value, v -> Counter.builder(name).description(description).tag(tag, v).register(registry))
                .increment(amount);
    }
}
