package no.nora.redact;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;

/**
 * What each code point is to the rule: a digit (and how many digits it stands for), a separator, an invisible
 * character that is skipped, or anything else (which ends a run). Computed once from ICU4J's Unicode tables (the
 * current Unicode version: the JDK 17 tables stop at Unicode 13, and would let digits of newer scripts such as
 * Tangsa, Kawi and Nag Mundari pass as letters), so the scan is one array lookup per char.
 *
 * <p>A value {@code > 0} is a digit weight: how many digits the code point counts as. {@code ⑫} folds to "12" and
 * counts twice; most digits count once.
 */
final class CharClass {
    /** Letters, most punctuation, unpaired surrogates: ends a run. */
    static final byte OTHER = 0;
    /** Joins digits when at most three stand between them. */
    static final byte SEPARATOR = -1;
    /** Invisible: neither joins nor ends a run (zero-width characters, bidi marks, BOM, tags, control codes …). */
    static final byte INVISIBLE = -2;
    /** A mark that attaches to the character before it (variation selectors, combining keycap …): skipped too. */
    static final byte MARK = -3;
    /** Only in the BMP table: look at the code point it starts. */
    static final byte HIGH_SURROGATE = -4;

    /**
     * The rule's separators. Whitespace is added separately; their compatibility forms (full-width, small,
     * superscript and subscript forms) are added by NFKC.
     */
    private static final String RULE_SEPARATORS = ".,-\u2010\u2011\u2012\u2013\u2014\u2015\u2212/\\()+_:'*\u00B7";

    /**
     * Look-alikes of the rule's separators that NFKC does not fold but a reader sees as the same thing: typographic
     * apostrophes and primes, dot, slash, asterisk and dash variants, heavy plus and minus, the blank braille
     * pattern (renders as a space). Adding a separator can only make more runs, never fewer.
     */
    private static final String LOOK_ALIKE_SEPARATORS = "\u2018\u2019\u201B\u2032\u02B9\u02BC\u00B4\u0060"
            + "\u2027\u2219\u22C5\u30FB\uFF65\u2044\u2215\u29F8\u2217\u2E3A\u2E3B\u02D7\u2795\u2796\u2800";

    /** The two lists above as a lookup: {@code indexOf} on every code point would slow class loading. */
    private static final boolean[] LISTED_SEPARATOR = new boolean[0x10000];
    private static final byte[] BMP = new byte[0x10000];
    /** Plane 1 holds emoji, mathematical digits and many historic scripts: worth a table too. */
    private static final byte[] PLANE1 = new byte[0x10000];
    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();

    static {
        (RULE_SEPARATORS + LOOK_ALIKE_SEPARATORS).chars().forEach(c -> LISTED_SEPARATOR[c] = true);
        for (int c = 0; c < 0x10000; c++) {
            BMP[c] = Character.isHighSurrogate((char) c) ? HIGH_SURROGATE
                    : Character.isLowSurrogate((char) c) ? OTHER : compute(c, true);
            PLANE1[c] = compute(0x10000 + c, true);
        }
    }

    private CharClass() {
    }

    /** The class of a BMP char; {@link #HIGH_SURROGATE} means: call {@link #of(int)} with the whole code point. */
    static byte ofChar(char c) {
        return BMP[c];
    }

    static byte of(int codePoint) {
        if (codePoint < 0x10000) {
            return BMP[codePoint];
        }
        if (codePoint < 0x20000) {
            return PLANE1[codePoint - 0x10000];
        }
        // Planes 2, 3 (CJK ideographs), 14 (tags, variation selectors), 15, 16 (private use): rare in chat.
        return compute(codePoint, true);
    }

    /** The class computed without skipping any NFKC lookup: slow, for the test that checks the shortcut. */
    static byte computeWithoutShortcut(int codePoint) {
        return compute(codePoint, false);
    }

    private static byte compute(int cp, boolean shortcut) {
        int type = UCharacter.getType(cp);
        if (type == UCharacterCategory.DECIMAL_DIGIT_NUMBER) {
            return 1;
        }
        if (type == UCharacterCategory.NON_SPACING_MARK || type == UCharacterCategory.ENCLOSING_MARK) {
            return MARK;
        }
        if (type == UCharacterCategory.FORMAT || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
            return INVISIBLE; // Unicode's invisible fillers too (Hangul fillers, tags): they would end a run unseen
        }
        if (type == UCharacterCategory.CONTROL && !isWhitespace(cp)) {
            return INVISIBLE; // NUL, BEL, ESC …: shown as nothing, so they must not split a number either
        }
        if (isWhitespace(cp) || (cp < 0x10000 && LISTED_SEPARATOR[cp])) {
            return SEPARATOR;
        }
        if (type == UCharacterCategory.UNASSIGNED || type == UCharacterCategory.PRIVATE_USE
                || type == UCharacterCategory.SURROGATE) {
            return OTHER;
        }
        if (shortcut && !mayFoldToDigitOrSeparator(type)) {
            return OTHER; // letters and the like: NFKC never makes them digits or separators
        }
        String folded = NFKC.normalize(new String(Character.toChars(cp)));
        // Loops, not streams: this runs for thousands of code points while the class loads.
        int digitsInFolded = 0;
        boolean allSeparators = !folded.isEmpty();
        for (int i = 0; i < folded.length(); ) {
            int f = folded.codePointAt(i);
            i += Character.charCount(f);
            if (UCharacter.getType(f) == UCharacterCategory.DECIMAL_DIGIT_NUMBER) {
                digitsInFolded++;
            }
            allSeparators &= isWhitespace(f) || RULE_SEPARATORS.indexOf(f) >= 0;
        }
        if (digitsInFolded > 0) {
            return (byte) Math.min(digitsInFolded, 9);
        }
        if (allSeparators) {
            return SEPARATOR;
        }
        int value = UCharacter.getNumericValue(cp); // -1 without a value, -2 for fractions
        if (type == UCharacterCategory.OTHER_NUMBER && value >= 0) {
            // Dingbat and negative circled numerals (❶, ➓, ⓫): as many digits as the number they show.
            return (byte) Math.min(Integer.toString(value).length(), 9);
        }
        if (type == UCharacterCategory.LETTER_NUMBER && value >= 0 && value <= 9) {
            return 1; // single-digit numerals such as Hangzhou 〥 and Roman Ⅴ
        }
        return OTHER;
    }

    /**
     * Only numbers (Nl and No, whose numeric value counts too), symbols and punctuation have compatibility forms
     * that are digits ({@code ²}, {@code ①}, {@code ㏠}) or separators ({@code －}, {@code ﹒}); normalizing only
     * those keeps class loading fast (letters are most of Unicode). A test checks every code point against the
     * computation without this shortcut.
     */
    private static boolean mayFoldToDigitOrSeparator(int type) {
        return switch (type) {
            case UCharacterCategory.OTHER_NUMBER, UCharacterCategory.LETTER_NUMBER, UCharacterCategory.OTHER_SYMBOL,
                UCharacterCategory.MATH_SYMBOL, UCharacterCategory.DASH_PUNCTUATION, UCharacterCategory.START_PUNCTUATION,
                UCharacterCategory.END_PUNCTUATION, UCharacterCategory.CONNECTOR_PUNCTUATION,
                UCharacterCategory.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** Unicode White_Space (no-break and narrow no-break spaces, NEL), and Java's few extra (the ASCII separators). */
    private static boolean isWhitespace(int cp) {
        return UCharacter.isUWhiteSpace(cp) || UCharacter.isWhitespace(cp);
    }
}
