package no.nora.bot.text;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants as text in stored and shown JSON: ISO-8601 to the second. With fractions, "12:30:15.123" is a run of nine
 * digits, which every sink (logs, Redis scans, audits) must treat as a possible identity number.
 */
public final class Timestamps {
    private Timestamps() {
    }

    public static String text(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
