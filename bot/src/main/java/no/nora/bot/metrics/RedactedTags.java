package no.nora.bot.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.ArrayList;
import no.nora.redact.Redactor;

/**
 * Metrics are a sink like any other: every tag value goes through the redactor before a meter is made. Our own tags
 * are words, but libraries tag with what they see (Vert.x names a client pool by its address, {@code 10.0.12.34:8080}).
 * Runs once per meter id, not per measurement.
 */
public final class RedactedTags {
    private RedactedTags() {
    }

    public static MeterFilter filter() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                var tags = new ArrayList<Tag>();
                boolean changed = false;
                for (Tag tag : id.getTagsAsIterable()) {
                    String value = Redactor.redact(tag.getValue()).text();
                    changed |= !value.equals(tag.getValue());
                    tags.add(Tag.of(tag.getKey(), value));
                }
                return changed ? id.replaceTags(tags) : id;
            }
        };
    }
}
