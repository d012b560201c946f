package no.nora.bot.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/** {@code nora.redactions}: one meter, counted by every channel that redacts, so it is described in one place. */
public final class Redactions {
    private Redactions() {
    }

    public static TaggedCounter byChannel(MeterRegistry registry) {
        return new TaggedCounter(registry, "nora.redactions", "channel",
                "Runs of seven or more digits removed from debtor messages, by channel");
    }
}
