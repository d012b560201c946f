package no.nora.bot.handoff;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * When agents answer: the customer centre's hours (Mon–Fri 08:00–21:00, Sat 10:00–15:00, Europe/Oslo, closed on
 * Norwegian public holidays), or always (demos, tests), or never. Chosen with {@code AGENT_HOURS}.
 */
public final class OpeningHours {
    public static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final int DAYS_TO_LOOK_AHEAD = 14;

    private enum Mode { OPENING_HOURS, ALWAYS, NEVER }

    private final Mode mode;

    private OpeningHours(Mode mode) {
        this.mode = mode;
    }

    public static OpeningHours customerCentre() {
        return new OpeningHours(Mode.OPENING_HOURS);
    }

    public static OpeningHours always() {
        return new OpeningHours(Mode.ALWAYS);
    }

    public static OpeningHours never() {
        return new OpeningHours(Mode.NEVER);
    }

    /** From the {@code AGENT_HOURS} setting: {@code opening-hours}, {@code always} or {@code never}. */
    public static OpeningHours fromSetting(String setting) {
        return switch (setting.toLowerCase(Locale.ROOT)) {
            case "always" -> always();
            case "never" -> never();
            case "opening-hours" -> customerCentre();
            default -> throw new IllegalArgumentException("Unknown agent hours '" + setting + "'");
        };
    }

    public boolean isOpen(Instant at) {
        return switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case OPENING_HOURS -> {
                var local = at.atZone(OSLO);
                var hours = hoursOn(local.toLocalDate());
                var time = local.toLocalTime();
                yield hours.isPresent() && !time.isBefore(hours.get().opens()) && time.isBefore(hours.get().closes());
            }
        };
    }

    /** When agents are next available after {@code at} (now, when open); empty when they never are. */
    public Optional<ZonedDateTime> nextOpening(Instant at) {
        if (mode == Mode.NEVER) {
            return Optional.empty();
        }
        if (isOpen(at)) {
            return Optional.of(at.atZone(OSLO));
        }
        var local = at.atZone(OSLO);
        for (int days = 0; days <= DAYS_TO_LOOK_AHEAD; days++) {
            LocalDate date = local.toLocalDate().plusDays(days);
            var hours = hoursOn(date);
            if (hours.isPresent()) {
                var opens = date.atTime(hours.get().opens()).atZone(OSLO);
                if (opens.isAfter(local)) {
                    return Optional.of(opens);
                }
            }
        }
        return Optional.empty();
    }

    private record Hours(LocalTime opens, LocalTime closes) {
    }

    private static Optional<Hours> hoursOn(LocalDate date) {
        if (NorwegianHolidays.isHoliday(date)) {
            return Optional.empty();
        }
        DayOfWeek day = date.getDayOfWeek();
        if (day == DayOfWeek.SUNDAY) {
            return Optional.empty();
        }
        if (day == DayOfWeek.SATURDAY) {
            return Optional.of(new Hours(LocalTime.of(10, 0), LocalTime.of(15, 0)));
        }
        return Optional.of(new Hours(LocalTime.of(8, 0), LocalTime.of(21, 0)));
    }
}
