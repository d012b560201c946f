package no.nora.intents;

import java.util.ArrayList;
import java.util.List;
import no.nora.redact.Redactor;

/**
 * Turns a debtor's message into the tokens the models see. Both spellings of Norwegian letters must meet, because
 * phones without a Norwegian keyboard write {@code ae}, {@code o}, {@code aa} or plain {@code a}: æ becomes
 * {@code ae}, ø becomes {@code o}, å and {@code aa} become {@code a}. Case, punctuation and stretched letters
 * ({@code neeeei}) are dropped; every number and every redaction placeholder becomes the token {@code num}, so
 * "the message held a number" is a feature without the number itself being one. A question mark is kept as a token.
 */
public final class TextNormaliser {
    /** The token for a number or a redacted digit run. */
    public static final String NUMBER = "num";
    public static final String QUESTION = "?";

    private TextNormaliser() {
    }

    public static String[] tokens(String text) {
        String s = text.replace(Redactor.PLACEHOLDER, " 0 ");
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inNumber = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isDigit(c)) {
                if (!inNumber) {
                    flush(word, tokens);
                    tokens.add(NUMBER);
                    inNumber = true;
                }
                continue;
            }
            inNumber = false;
            if (Character.isLetter(c)) {
                fold(Character.toLowerCase(c), word);
            } else if (c == '\'' || c == '’' || c == '\u00AD') {
                continue; // don't, can't: keep the word whole
            } else {
                flush(word, tokens);
                if (c == '?' && (tokens.isEmpty() || !tokens.get(tokens.size() - 1).equals(QUESTION))) {
                    tokens.add(QUESTION);
                }
            }
        }
        flush(word, tokens);
        return tokens.toArray(String[]::new);
    }

    /** The tokens joined by single spaces: what the models see, for reports and tests. */
    public static String normalise(String text) {
        return String.join(" ", tokens(text));
    }

    private static void fold(char c, StringBuilder word) {
        switch (c) {
            case 'æ', 'ä' -> word.append("ae");
            case 'ø', 'ö', 'ó', 'ò', 'ô' -> word.append('o');
            case 'å', 'à', 'á', 'â' -> word.append('a');
            case 'é', 'è', 'ê', 'ë' -> word.append('e');
            case 'ü', 'ú' -> word.append('u');
            default -> word.append(c);
        }
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (word.length() == 0) {
            return;
        }
        tokens.add(squeeze(word));
        word.setLength(0);
    }

    /** "aa" is how å is typed without a Norwegian keyboard; three or more equal letters are emphasis. */
    private static String squeeze(CharSequence word) {
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            int n = out.length();
            if (c == 'a' && n > 0 && out.charAt(n - 1) == 'a') {
                continue;
            }
            if (n > 1 && out.charAt(n - 1) == c && out.charAt(n - 2) == c) {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }
}
