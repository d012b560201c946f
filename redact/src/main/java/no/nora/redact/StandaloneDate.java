package no.nora.redact;

/**
 * The rule's one exemption: a run that is exactly a calendar date with a four-digit year, written {@code d.m.yyyy},
 * {@code dd.mm.yyyy}, {@code dd/mm/yyyy} or {@code yyyy-mm-dd}. Debtors give such dates for deferrals and payments.
 *
 * <p>Years are limited to 1900–2099: wider than any birth or payment date the business sees, and narrow enough that
 * an eight-digit phone number written with dots ({@code 23.12.4567}) does not pass as a date.
 */
final class StandaloneDate {
    static final int MIN_YEAR = 1900;
    static final int MAX_YEAR = 2099;

    private StandaloneDate() {
    }

    /**
     * Whether {@code text[start, end)} – a run from its first to its last digit – is one valid date and nothing more.
     * Invisible characters and marks inside are skipped; every digit must be a decimal digit (category Nd).
     */
    static boolean matches(String text, int start, int end) {
        int[] groups = new int[3];
        int[] lengths = new int[3];
        int group = 0;
        int separator = -1;
        boolean afterSeparator = false;
        for (int i = start; i < end; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            byte kind = CharClass.of(cp);
            if (kind == CharClass.INVISIBLE || kind == CharClass.MARK) {
                continue;
            }
            if (kind > 0) {
                int value = com.ibm.icu.lang.UCharacter.digit(cp, 10);
                if (kind != 1 || value < 0 || lengths[group] == 4) {
                    return false;
                }
                groups[group] = groups[group] * 10 + value;
                lengths[group]++;
                afterSeparator = false;
                continue;
            }
            if (afterSeparator || group == 2 || (cp != '.' && cp != '/' && cp != '-')) {
                return false; // two separators in a row, a third separator, or one no date uses
            }
            if (separator != -1 && cp != separator) {
                return false;
            }
            separator = cp;
            afterSeparator = true;
            group++;
        }
        if (group != 2) {
            return false;
        }
        if (separator == '-') {
            return lengths[0] == 4 && lengths[1] <= 2 && lengths[2] <= 2 && isDate(groups[2], groups[1], groups[0]);
        }
        return lengths[0] <= 2 && lengths[1] <= 2 && lengths[2] == 4 && isDate(groups[0], groups[1], groups[2]);
    }

    private static boolean isDate(int day, int month, int year) {
        if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) {
            return false;
        }
        return day <= java.time.YearMonth.of(year, month).lengthOfMonth();
    }
}
