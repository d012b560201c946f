package no.nora.bot.conversation;

import java.security.SecureRandom;
import no.nora.redact.Redactor;

/**
 * Identifiers made of letters only. Conversation ids are unguessable (about 128 bits); no id or stored timestamp
 * ever holds a run of digits, so scans for identity numbers in any sink stay meaningful.
 */
public final class Ids {
    private static final char[] LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String conversationId() {
        return random(23);
    }

    public static String messageId() {
        return random(12);
    }

    /** A bearer token for a conversation (about 256 bits). */
    public static String token() {
        return random(45);
    }

    /**
     * Letters drawn uniformly: one call to the secure generator for a batch of bytes (a call per letter cost a lock
     * and a hash each), six bits a byte, and the bit patterns beyond the 52 letters thrown away.
     */
    public static String random(int length) {
        var chars = new char[length];
        var bytes = new byte[length + length / 4 + 4];
        int filled = 0;
        while (filled < length) {
            RANDOM.nextBytes(bytes);
            for (int i = 0; i < bytes.length && filled < length; i++) {
                int six = bytes[i] & 0x3F;
                if (six < LETTERS.length) {
                    chars[filled++] = LETTERS[six];
                }
            }
        }
        return new String(chars);
    }

    /**
     * An id that came from outside (a client's message id, a token's subject) in the form it may be stored and
     * logged in: as it is when it holds no run of digits the redactor would remove, otherwise {@code h} and a hash of
     * it (24 letters). The same id always gives the same form, so it still finds what was stored under it.
     */
    public static String external(String id) {
        return Redactor.containsForbiddenRun(id) ? "h" + hash(id).substring(0, 24) : id;
    }

    /** SHA-256 of a token, in letters and digits-free hex replacement, for storing instead of the token itself. */
    public static String hash(String token) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            var out = new StringBuilder(digest.length * 2);
            for (byte b : digest) {
                out.append((char) ('a' + ((b >> 4) & 0xF))).append((char) ('a' + (b & 0xF)));
            }
            return out.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
