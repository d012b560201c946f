package no.nora.bot.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpeningHoursTest {
    private final OpeningHours hours = OpeningHours.customerCentre();

    @Test
    void easterIsComputedWithTheGregorianAlgorithm() {
        assertThat(NorwegianHolidays.easterSunday(2026)).isEqualTo(LocalDate.of(2026, 4, 5));
        assertThat(NorwegianHolidays.easterSunday(2025)).isEqualTo(LocalDate.of(2025, 4, 20));
        assertThat(NorwegianHolidays.easterSunday(2024)).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThat(NorwegianHolidays.easterSunday(2000)).isEqualTo(LocalDate.of(2000, 4, 23));
    }

    @ParameterizedTest(name = "{0} is a holiday")
    @CsvSource({
            "2026-01-01", "2026-04-02", "2026-04-03", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-14",
            "2026-05-17", "2026-05-24", "2026-05-25", "2026-12-25", "2026-12-26"})
    void holidaysOf2026(LocalDate date) {
        assertThat(NorwegianHolidays.isHoliday(date)).isTrue();
        assertThat(NorwegianHolidays.of(2026)).hasSize(12);
    }

    @ParameterizedTest(name = "{0} {1}: open {2}")
    @CsvSource({
            // Ordinary weekdays: 08:00 to 21:00.
            "2026-03-10T07:59, false", "2026-03-10T08:00, true", "2026-03-10T20:59, true", "2026-03-10T21:00, false",
            // Saturday 10–15, Sunday closed.
            "2026-03-07T09:59, false", "2026-03-07T10:00, true", "2026-03-07T14:59, true", "2026-03-07T15:00, false",
            "2026-03-08T12:00, false",
            // Easter 2026: Maundy Thursday, Good Friday and Easter Monday closed; the Tuesday after open.
            "2026-04-01T12:00, true", "2026-04-02T12:00, false", "2026-04-03T12:00, false", "2026-04-04T12:00, true",
            "2026-04-06T12:00, false", "2026-04-07T12:00, true",
            // Ascension, Whit Monday, Constitution Day (a Sunday in 2026, so also 2027's Monday), Christmas.
            "2026-05-14T12:00, false", "2026-05-25T12:00, false", "2027-05-17T12:00, false", "2026-12-24T12:00, true",
            "2026-12-25T12:00, false", "2026-12-26T12:00, false", "2026-01-01T12:00, false"})
    void customerCentreHours(LocalDateTime osloTime, boolean open) {
        assertThat(hours.isOpen(oslo(osloTime))).isEqualTo(open);
    }

    @ParameterizedTest(name = "after {0} agents are back {1}")
    @CsvSource({
            "2026-03-07T15:30, 2026-03-09T08:00",   // Saturday afternoon → Monday
            "2026-03-10T21:00, 2026-03-11T08:00",   // weekday evening → next morning
            "2026-03-06T22:00, 2026-03-07T10:00",   // Friday night → Saturday 10
            "2026-04-01T21:30, 2026-04-04T10:00",   // before Easter → Easter Saturday
            "2026-04-04T16:00, 2026-04-07T08:00",   // Easter Saturday → the Tuesday after Easter Monday
            "2026-12-24T22:00, 2026-12-28T08:00"})  // Christmas Eve → Monday after Boxing Day and Sunday
    void nextOpening(LocalDateTime osloTime, LocalDateTime back) {
        assertThat(hours.nextOpening(oslo(osloTime)).orElseThrow().toLocalDateTime()).isEqualTo(back);
    }

    @Test
    void alwaysAndNever() {
        var sundayNight = oslo(LocalDateTime.of(2026, 3, 8, 3, 0));
        assertThat(OpeningHours.fromSetting("always").isOpen(sundayNight)).isTrue();
        assertThat(OpeningHours.fromSetting("never").isOpen(oslo(LocalDateTime.of(2026, 3, 10, 12, 0)))).isFalse();
        assertThat(OpeningHours.never().nextOpening(sundayNight)).isEmpty();
        assertThat(OpeningHours.fromSetting("opening-hours").isOpen(sundayNight)).isFalse();
    }

    private static Instant oslo(LocalDateTime local) {
        return local.atZone(OpeningHours.OSLO).toInstant();
    }
}
