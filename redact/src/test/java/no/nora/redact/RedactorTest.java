package no.nora.redact;

import static no.nora.redact.Redactor.PLACEHOLDER;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {
    private static final String P = PLACEHOLDER;

    private static String redacted(String raw) {
        return Redactor.redact(raw).text();
    }

    @Nested
    class IssueExamples {
        @ParameterizedTest
        @ValueSource(strings = {"17912099997", "179120 99997", "179120-99997", "1 7 9 1 2 0 9 9 9 9 7", "1234.56.78903",
            "１７９１２０９９９９７", "179120\u200B99997", "179120\u00A099997"})
        void wholeNumbersBecomeOnePlaceholder(String raw) {
            var result = Redactor.redact(raw);
            assertThat(result.text()).isEqualTo(P);
            assertThat(result.redactions()).isEqualTo(1);
            assertThat(result.wasRedacted()).isTrue();
        }

        @Test
        void phoneNumberKeepsTheLeadingPlus() {
            assertThat(redacted("+47 68 05 12 34")).isEqualTo("+" + P);
        }

        @Test
        void kid() {
            assertThat(redacted("KID: 20241105001235")).isEqualTo("KID: " + P);
        }

        @Test
        void amountWithSevenDigits() {
            assertThat(redacted("1 234 567 kr")).isEqualTo(P + " kr");
        }

        @Test
        void lettersGluedToDigitsDoNotProtectThem() {
            assertThat(redacted("fnr17912099997takk")).isEqualTo("fnr" + P + "takk");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1 500 kr i måneden", "Saksnr 123456", "15.12.26", "kl. 14.30", "Postnr 0150 Oslo",
            "Jeg betaler 15.12.2026", "15.12.2026", "1.2.2027", "15/12/2026", "2026-12-15"})
        void keptAsTheSameString(String raw) {
            var result = Redactor.redact(raw);
            assertThat(result.text()).isSameAs(raw);
            assertThat(result.wasRedacted()).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"15.12.1990 12345", "01.01.2024-99997"})
        void dateJoinedToMoreDigitsIsRedacted(String raw) {
            assertThat(redacted(raw)).isEqualTo(P);
        }
    }

    @Nested
    class Digits {
        @ParameterizedTest
        @ValueSource(strings = {
            "\u0661\u0667\u0669\u0661\u0662\u0660\u0669\u0669\u0669\u0669\u0667", // Arabic-Indic
            "\u06F1\u06F7\u06F9\u06F1\u06F2\u06F0\u06F9\u06F9\u06F9\u06F9\u06F7", // Persian
            "\u0E51\u0E57\u0E59\u0E51\u0E52\u0E50\u0E59\u0E59\u0E59\u0E59\u0E57", // Thai
            "\u0967\u096D\u096F\u0967\u0968\u0966\u096F\u096F\u096F\u096F\u096D", // Devanagari
            "¹⁷⁹¹²⁰⁹⁹⁹⁹⁷", "₁₇₉₁₂₀₉₉₉₉₇", "①⑦⑨①②⓪⑨⑨⑨⑨⑦", "❶❼❾❶❷⓿❾❾❾❾❼", "➀➆➈➀➁➉➈➈➈➈➆", "➊➐➒➊➋➓➒➒➒➒➐",
            "1\uFE0F\u20E37\uFE0F\u20E39\uFE0F\u20E31\uFE0F\u20E32\uFE0F\u20E30\uFE0F\u20E39\uFE0F\u20E3",
            "ⅠⅦⅨⅠⅡⅨⅨ"})
        void inEveryScript(String raw) {
            assertThat(redacted(raw)).isEqualTo(P);
        }

        /** Issue 18: the JDK 17 tables (Unicode 13) do not know these, so they passed. */
        @ParameterizedTest
        @ValueSource(ints = {0x16AC0, 0x11F50, 0x1E4F0}) // Tangsa (Unicode 14), Kawi, Nag Mundari (Unicode 15)
        void inScriptsNewerThanTheJdk(int zero) {
            var number = new StringBuilder();
            for (char d : "17912099997".toCharArray()) {
                number.appendCodePoint(zero + d - '0');
            }
            assertThat(redacted("fnr " + number + " takk")).isEqualTo("fnr " + P + " takk");
        }

        @Test
        void mathematicalDigitsAreSurrogatePairs() {
            var bold = new StringBuilder();
            for (char d : "17912099997".toCharArray()) {
                bold.appendCodePoint(0x1D7CE + d - '0');
            }
            assertThat(bold).hasSize(22);
            assertThat(redacted("fnr " + bold + " takk")).isEqualTo("fnr " + P + " takk");
        }

        @Test
        void scriptsMixedInOneRun() {
            String mixed = "1\u0667" + new String(Character.toChars(0x1D7DD)) + "¹２⓪９\u0E59９9\u06F7"; // 11 digits
            assertThat(redacted("nr " + mixed + ".")).isEqualTo("nr " + P + ".");
        }

        @Test
        void twoDigitNumeralsCountTwice() {
            assertThat(redacted("⑰⑨⑫⓪⑨")).isEqualTo(P); // 17 9 12 0 9: seven digits in five characters
            assertThat(redacted("⑰⑨⑫⓪")).isEqualTo("⑰⑨⑫⓪");
        }

        @Test
        void keycapMarksGoWithTheLastDigit() {
            String keycaps = "9\uFE0F\u20E3".repeat(7);
            assertThat(redacted("nr " + keycaps + " ok")).isEqualTo("nr " + P + " ok");
        }

        @Test
        void letterAndAsciiFormsOfValueTenAreNotDigits() {
            // getNumericValue('a') is 10: a rule built on it would eat words
            assertThat(redacted("abcdefghij")).isEqualTo("abcdefghij");
        }
    }

    @Nested
    class Separators {
        @ParameterizedTest
        @ValueSource(strings = {"123 456 7", "123.456.7", "123,456,7", "123-456-7", "123\u2010456\u20117", "123\u2012456\u20137",
            "123\u2014456\u20157", "123\u2212456/7", "123\\456(7", "123)+(456_7", "123:456'7", "123*456·7",
            "123\u00A0456\u202F7", "123\n456\r\n7", "123\t456\u20097", "123 - 456 - 7", "123 / 456, 7", "123－456．7",
            "123’456’7", "123 ( 4 ) 567"})
        void upToThreeBetweenDigitsJoinThem(String raw) {
            assertThat(redacted(raw)).isEqualTo(P);
        }

        @Test
        void threeSeparatorsJoinFourDoNot() {
            assertThat(redacted("179 - 1209999")).isEqualTo(P);
            assertThat(redacted("1791 -- 209")).isEqualTo("1791 -- 209");
            assertThat(redacted("1791 - - 209")).isEqualTo("1791 - - 209");
            assertThat(redacted("17912 - 099997")).isEqualTo(P);
            assertThat(redacted("179120 -  99997")).isEqualTo("179120 -  99997");
        }

        @Test
        void invisibleCharactersBetweenSeparatorsDoNotCount() {
            assertThat(redacted("179120 \u200B-\u2060\u00AD 99997")).isEqualTo(P);
            assertThat(redacted("179120\u200E\u202A\u2066\uFEFF\u200D\u200C\uFE0E99997")).isEqualTo(P);
            assertThat(redacted("179120" + new String(Character.toChars(0xE0101)) + "99997")).isEqualTo(P);
            assertThat(redacted("179120\u0000\u0007\u001B\u007F99997")).isEqualTo(P); // control codes show nothing
            assertThat(redacted("179120\u3164\u115F99997")).isEqualTo(P); // Hangul fillers: blank letters
        }

        @ParameterizedTest
        @ValueSource(strings = {"179120a99997", "179120@99997", "179120%99997", "179120 kr 99997", "179120#99997"})
        void anyOtherCharacterEndsARun(String raw) {
            assertThat(redacted(raw)).isSameAs(raw);
        }
    }

    @Nested
    class Placement {
        @Test
        void onlyFromFirstToLastDigit() {
            assertThat(redacted("Mitt fnr er (179120) 99997. Takk!")).isEqualTo("Mitt fnr er (" + P + ". Takk!");
        }

        @Test
        void separatorsAroundTheDigitsStay() {
            assertThat(redacted("(+47) 987 65 432.")).isEqualTo("(+" + P + ".");
        }

        @Test
        void severalRunsInOneMessage() {
            var result = Redactor.redact("fnr 17912099997, konto 1234.56.78903 og tlf 98765432 – og 1 500 kr");
            assertThat(result.text()).isEqualTo("fnr " + P + ", konto " + P + " og tlf " + P + " – og 1 500 kr");
            assertThat(result.redactions()).isEqualTo(3);
        }

        @Test
        void shortRunsNextToLongOnesStay() {
            assertThat(redacted("123 abc 12345678 abc 456")).isEqualTo("123 abc " + P + " abc 456");
        }

        @Test
        void unpairedSurrogatesAreKeptAndEndARun() {
            String raw = "\uD835 1791209 \uDFCE 123";
            assertThat(redacted(raw)).isEqualTo("\uD835 " + P + " \uDFCE 123");
        }
    }

    @Nested
    class Dates {
        @ParameterizedTest
        @ValueSource(strings = {"31.02.2026", "29.02.2027", "32.01.2026", "15.13.2026", "2026-02-30", "00.01.2026",
            "23.12.4567", "15.12/2026", "15..12.2026", "15. 12. 2026", "2026-12-15-1", "1.2.20265"})
        void invalidDatesAreRedacted(String raw) {
            assertThat(redacted(raw)).isEqualTo(P);
        }

        @ParameterizedTest
        @ValueSource(strings = {"29.02.2028", "1/2/2027", "2026-1-5", "Jeg betaler 15.12.2026.", "Frist: 1.12.2026, ok?",
            "født 17.12.1990", "１５.１２.２０２６", "15.1\u200B2.2026"})
        void validStandaloneDatesAreKept(String raw) {
            assertThat(redacted(raw)).isSameAs(raw);
        }

        @Test
        void twoDatesCloseTogetherAreOneLongRun() {
            assertThat(redacted("15.12.2026 - 15.01.2027")).isEqualTo(P);
            assertThat(redacted("15.12.2026 eller 15.01.2027")).isEqualTo("15.12.2026 eller 15.01.2027");
        }
    }

    @Nested
    class Values {
        @Test
        void nullIsEmpty() {
            var result = Redactor.redact(null);
            assertThat(result.text()).isEmpty();
            assertThat(result.isBlank()).isTrue();
            assertThat(result.wasRedacted()).isFalse();
        }

        @Test
        void placeholderHasNoDigitSeparatorOrInvisibleCharacter() {
            PLACEHOLDER.codePoints().forEach(cp -> assertThat(CharClass.of(cp)).isEqualTo(CharClass.OTHER));
            assertThat(redacted(PLACEHOLDER)).isSameAs(PLACEHOLDER);
        }

        @Test
        void redactingTwiceChangesNothing() {
            String once = redacted("123 17912099997 456 1234567 [ 12");
            assertThat(redacted(once)).isSameAs(once);
            assertThat(Redactor.containsForbiddenRun(once)).isFalse();
        }

        @Test
        void equalsAndToString() {
            assertThat(Redactor.redact("tlf 98765432")).isEqualTo(Redactor.redact("tlf 98765432"))
                .hasSameHashCodeAs(Redactor.redact("tlf 98765432")).hasToString("tlf " + P);
            assertThat(Redactor.redact("tlf 98765432")).isNotEqualTo(Redactor.redact("tlf " + P));
        }

        @Test
        void containsForbiddenRun() {
            assertThat(Redactor.containsForbiddenRun("fnr 179120\u200B99997")).isTrue();
            assertThat(Redactor.containsForbiddenRun("Jeg betaler 15.12.2026")).isFalse();
            assertThat(Redactor.containsForbiddenRun(null)).isFalse();
        }
    }

    @Nested
    class FailClosed {
        @Test
        void anyFailureMakesTheWholeMessageThePlaceholder() {
            var result = Redactor.failClosed("fnr 17912099997", raw -> {
                throw new IllegalStateException(raw);
            });
            assertThat(result.text()).isEqualTo(P);
            assertThat(result.wasRedacted()).isTrue();
        }

        @Test
        void errorsToo() {
            var result = Redactor.failClosed("fnr 17912099997", raw -> {
                throw new StackOverflowError();
            });
            assertThat(result.text()).isEqualTo(P);
        }
    }

    @Test
    void aStoredTextReadBackIsRedactedAgainAndRemembersWhatWasRemoved() {
        var first = Redactor.redact("fnr 17912099997, ring meg");
        var restored = Redactor.restore(first.text(), first.redactions());
        assertThat(restored.text()).isEqualTo(first.text());
        assertThat(restored.wasRedacted()).isTrue();

        var tampered = Redactor.restore("fnr 17912099997", 0);
        assertThat(tampered.text()).isEqualTo("fnr " + P);
        assertThat(tampered.redactions()).isEqualTo(1);
    }
}
