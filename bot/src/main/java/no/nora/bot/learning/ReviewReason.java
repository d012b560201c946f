package no.nora.bot.learning;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Why a debtor's message is put before the team: the bot fell back, acted on a weak guess, or handed over. */
public enum ReviewReason {
    NOT_UNDERSTOOD, LOW_CONFIDENCE, HANDOFF;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ReviewReason> fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
    }
}
