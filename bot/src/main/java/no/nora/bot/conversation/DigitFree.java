package no.nora.bot.conversation;

/**
 * Numbers written with letters (timestamps, counts, phone numbers), so that no stored value holds a run of digits:
 * a store that never holds seven digits in a row cannot hold a national identity number by mistake.
 */
public final class DigitFree {
    private DigitFree() {
    }

    /** A count or timestamp in base 26, letters {@code A}–{@code Z}. */
    public static String count(long value) {
        return Long.toString(value, 26).chars()
                .map(c -> c <= '9' ? 'A' + (c - '0') : 'A' + 10 + (c - 'a'))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    public static long countBack(String letters) {
        var digits = letters.chars().map(c -> c - 'A' < 10 ? '0' + (c - 'A') : 'a' + (c - 'A' - 10))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return Long.parseLong(digits, 26);
    }

    /** A phone number's digits as letters ({@code +4791} → {@code +ejhb}); reversible for E.164 numbers. */
    public static String phone(String phone) {
        return phone.chars().map(c -> c >= '0' && c <= '9' ? 'a' + (c - '0') : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    public static String phoneBack(String letters) {
        return letters.chars().map(c -> c >= 'a' && c <= 'j' ? '0' + (c - 'a') : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
