package no.nora.bot.handoff;

import java.time.LocalDate;
import java.time.Month;
import java.util.Set;

/** Norwegian public holidays ("helligdager"), computed: the fixed days and the ones that follow Easter. */
public final class NorwegianHolidays {
    private NorwegianHolidays() {
    }

    public static boolean isHoliday(LocalDate date) {
        return of(date.getYear()).contains(date);
    }

    public static Set<LocalDate> of(int year) {
        LocalDate easter = easterSunday(year);
        // A HashSet: in some years two of them fall on one day (2027: Whit Monday is 17 May).
        return new java.util.HashSet<>(java.util.List.of(
                LocalDate.of(year, Month.JANUARY, 1),
                easter.minusDays(3),   // Maundy Thursday (skjærtorsdag)
                easter.minusDays(2),   // Good Friday (langfredag)
                easter,                // Easter Sunday
                easter.plusDays(1),    // Easter Monday
                LocalDate.of(year, Month.MAY, 1),
                LocalDate.of(year, Month.MAY, 17),
                easter.plusDays(39),   // Ascension Day (Kristi himmelfartsdag)
                easter.plusDays(49),   // Whit Sunday (1. pinsedag)
                easter.plusDays(50),   // Whit Monday (2. pinsedag)
                LocalDate.of(year, Month.DECEMBER, 25),
                LocalDate.of(year, Month.DECEMBER, 26)));
    }

    /** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher"). */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }
}
