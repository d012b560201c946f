package no.nora.bot.handoff;

import java.time.Duration;

/**
 * How handoffs behave: when agents answer, how long a debtor waits in the queue before the bot steps in again, how
 * long an agent may leave a debtor's message unanswered before supervisors hear of it, and how often each instance
 * looks for deadlines that have passed.
 */
public record HandoffSettings(OpeningHours hours, Duration queueTimeout, Duration replyTimeout, Duration scanEvery) {

    public static HandoffSettings defaults() {
        return new HandoffSettings(OpeningHours.customerCentre(), Duration.ofMinutes(15), Duration.ofMinutes(10),
                Duration.ofSeconds(1));
    }

    public HandoffSettings withHours(OpeningHours value) {
        return new HandoffSettings(value, queueTimeout, replyTimeout, scanEvery);
    }

    public HandoffSettings withQueueTimeout(Duration value) {
        return new HandoffSettings(hours, value, replyTimeout, scanEvery);
    }

    public HandoffSettings withReplyTimeout(Duration value) {
        return new HandoffSettings(hours, queueTimeout, value, scanEvery);
    }

    public HandoffSettings withScanEvery(Duration value) {
        return new HandoffSettings(hours, queueTimeout, replyTimeout, value);
    }
}
