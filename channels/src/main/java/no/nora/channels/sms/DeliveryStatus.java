package no.nora.channels.sms;

import java.util.Locale;
import java.util.Optional;

/**
 * A sent message's delivery status as Twilio reports it, in the only order it may move: queued → sending → sent →
 * delivered. Delivered, undelivered, failed and canceled are final; the first final status wins.
 */
enum DeliveryStatus {
    QUEUED(0), SENDING(1), SENT(2), DELIVERED(3), UNDELIVERED(3), FAILED(3), CANCELED(3);

    private final int rank;

    DeliveryStatus(int rank) {
        this.rank = rank;
    }

    boolean isFinal() {
        return rank == 3;
    }

    /** Whether a callback saying {@code next} may replace this status. */
    boolean canMoveTo(DeliveryStatus next) {
        return !isFinal() && next.rank > rank;
    }

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<DeliveryStatus> of(String twilioStatus) {
        if (twilioStatus == null) {
            return Optional.empty();
        }
        return switch (twilioStatus.strip().toLowerCase(Locale.ROOT)) {
            case "accepted", "scheduled", "queued" -> Optional.of(QUEUED);
            case "sending" -> Optional.of(SENDING);
            case "sent" -> Optional.of(SENT);
            case "delivered", "read" -> Optional.of(DELIVERED);
            case "undelivered" -> Optional.of(UNDELIVERED);
            case "failed" -> Optional.of(FAILED);
            case "canceled" -> Optional.of(CANCELED);
            default -> Optional.empty();
        };
    }
}
