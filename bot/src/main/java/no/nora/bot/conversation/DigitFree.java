package no.nora.bot.conversation;

import java.nio.charset.StandardCharsets;

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

    /**
     * Any text as letters {@code a}–{@code p}, two per UTF-8 byte; reversible. For an id the store must give back as
     * it came (a token's subject, which the case API knows the debtor by) but must not hold as digits. Not a secret:
     * it keeps a scan of the store for identity numbers meaningful, as for phone numbers.
     */
    public static String text(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        var out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append((char) ('a' + ((b >> 4) & 0xF))).append((char) ('a' + (b & 0xF)));
        }
        return out.toString();
    }

    public static String textBack(String letters) {
        var bytes = new byte[letters.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (((letters.charAt(2 * i) - 'a') << 4) | (letters.charAt(2 * i + 1) - 'a'));
        }
        return new String(bytes, StandardCharsets.UTF_8);
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
