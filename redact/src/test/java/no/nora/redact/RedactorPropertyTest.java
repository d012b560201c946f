package no.nora.redact;

import static no.nora.redact.Redactor.PLACEHOLDER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generates the numbers debtors actually type – national identity numbers, D-numbers, bank account numbers, phone
 * numbers, KID numbers – in every form an auditor might try, inside Norwegian and English sentences.
 */
class RedactorPropertyTest {

    /** A number as digits (ASCII, rendered later), grouped as people write it, with literal text before it. */
    record Number(String lead, String digits, List<Integer> groups) {
    }

    /** How a number is written: digit scripts, what stands between groups, invisible characters slipped in. */
    record Form(int script, boolean mixedScripts, String separator, String invisible, int invisibleEvery) {
    }

    record Sentence(String before, String after) {
    }

    private static final List<IntFunction<String>> SCRIPTS = List.of(
            d -> String.valueOf((char) ('0' + d)),
            d -> String.valueOf((char) (0xFF10 + d)), // full-width
            d -> String.valueOf((char) (0x0660 + d)), // Arabic-Indic
            d -> String.valueOf((char) (0x06F0 + d)), // Persian
            d -> String.valueOf((char) (0x0966 + d)), // Devanagari
            d -> String.valueOf((char) (0x0E50 + d)), // Thai
            d -> Character.toString(0x1D7CE + d), // mathematical bold, a surrogate pair
            d -> Character.toString(0x1D7F6 + d), // mathematical monospace
            d -> String.valueOf("⁰¹²³⁴⁵⁶⁷⁸⁹".charAt(d)),
            d -> String.valueOf((char) (0x2080 + d)), // subscript
            d -> d == 0 ? "⓪" : String.valueOf((char) (0x2460 + d - 1)), // circled
            d -> d == 0 ? "⓿" : String.valueOf((char) (0x2776 + d - 1)), // dingbat negative circled
            d -> d == 0 ? Character.toString(0x1F10B) : String.valueOf((char) (0x2780 + d - 1)), // dingbat circled
            d -> (char) ('0' + d) + "\uFE0F\u20E3"); // keycap

    /** Scripts whose digits are category Nd, for dates (the exemption takes only those). */
    private static final int DECIMAL_SCRIPTS = 8;

    private static final List<String> SEPARATORS = List.of("", " ", ".", "-", "\u00A0", "\u202F", " - ", "/", "\n",
            "\r\n", "–", ". ", ") ", " (", "\u2009", ", ", "·", "＿", "’", " / ");

    private static final List<String> INVISIBLES = List.of("", "\u200B", "\u200C", "\u200D", "\u2060", "\u00AD",
            "\uFEFF", "\u200E", "\u200F", "\u202A", "\u202C", "\u2066", "\u2069", "\uFE0F", "\u20E3",
            Character.toString(0xE0100), "\u200B\u2060\u00AD");

    private static final List<Sentence> SENTENCES = List.of(
            new Sentence("Fødselsnummeret mitt er ", ", takk."),
            new Sentence("Hei! Fnr: ", ""),
            new Sentence("", " er kontonummeret mitt"),
            new Sentence("Kan dere sjekke konto ", "? Jeg betalte 1 500 kr i går."),
            new Sentence("Ring meg på ", " etter kl. 16.30"),
            new Sentence("KID ", " betalt 15.12.2026"),
            new Sentence("fnr", "takk"),
            new Sentence("Mitt D-nummer er (", ")."),
            new Sentence("My national ID number is ", ". Thanks!"),
            new Sentence("Please call me on ", " tomorrow."),
            new Sentence("Account: ", "\nRegards, Ola"),
            new Sentence("Saksnr 12345, ref. ", " – hilsen Kari"));

    // ---- numbers ----------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Number> forbiddenNumbers() {
        return Arbitraries.oneOf(identityNumbers(false), identityNumbers(true), accountNumbers(), phoneNumbers(),
                kidNumbers());
    }

    private static Arbitrary<Number> identityNumbers(boolean dNumber) {
        return Combinators.combine(Arbitraries.integers().between(1, 28), Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(0, 99), Arbitraries.integers().between(0, 99999),
                Arbitraries.of(List.of(List.of(11), List.of(6, 5), List.of(2, 2, 2, 5), List.of(6, 3, 2))))
            .as((day, month, year, rest, groups) -> new Number("",
                    String.format("%02d%02d%02d%05d", dNumber ? day + 40 : day, month, year, rest), groups));
    }

    private static Arbitrary<Number> accountNumbers() {
        return Arbitraries.strings().numeric().ofLength(11)
            .map(digits -> new Number("", digits, List.of(4, 2, 5)));
    }

    private static Arbitrary<Number> phoneNumbers() {
        var local = Combinators.combine(Arbitraries.of("4", "9", "2", "5"), Arbitraries.strings().numeric().ofLength(7))
            .as((first, rest) -> first + rest);
        var grouping = Arbitraries.of(List.of(List.of(8), List.of(2, 2, 2, 2), List.of(3, 2, 3), List.of(4, 4)));
        return Combinators.combine(local, grouping, Arbitraries.of(true, false)).as((digits, groups, country) -> {
            if (!country) {
                return new Number("", digits, groups);
            }
            var withCountry = new ArrayList<Integer>();
            withCountry.add(2);
            withCountry.addAll(groups);
            return new Number("+", "47" + digits, withCountry);
        });
    }

    private static Arbitrary<Number> kidNumbers() {
        return Arbitraries.strings().numeric().ofMinLength(7).ofMaxLength(25)
            .map(digits -> new Number("", digits, List.of(digits.length())));
    }

    @Provide
    Arbitrary<Form> forms() {
        return Combinators.combine(Arbitraries.integers().between(0, SCRIPTS.size() - 1), Arbitraries.of(true, false),
                Arbitraries.of(SEPARATORS), Arbitraries.of(INVISIBLES), Arbitraries.integers().between(1, 6))
            .as(Form::new);
    }

    @Provide
    Arbitrary<Sentence> sentences() {
        return Arbitraries.of(SENTENCES);
    }

    private static String write(Number number, Form form) {
        var out = new StringBuilder();
        int digit = 0;
        for (int g = 0; g < number.groups().size(); g++) {
            if (g > 0) {
                out.append(withInvisible(form.separator(), form.invisible()));
            }
            for (int i = 0; i < number.groups().get(g); i++, digit++) {
                if (i > 0 && i % form.invisibleEvery() == 0) {
                    out.append(form.invisible());
                }
                int script = form.mixedScripts() ? (form.script() + digit * 5) % SCRIPTS.size() : form.script();
                out.append(SCRIPTS.get(script).apply(number.digits().charAt(digit) - '0'));
            }
        }
        return out.toString();
    }

    /** Invisible characters also hide between separators: "1 \u200B- 2". */
    private static String withInvisible(String separator, String invisible) {
        return separator.length() < 2 ? separator + invisible : separator.charAt(0) + invisible + separator.substring(1);
    }

    // ---- properties -------------------------------------------------------------------------------------------

    @Property
    void numbersAreReplacedAndTheWordsAroundThemKept(@ForAll("forbiddenNumbers") Number number,
            @ForAll("forms") Form form, @ForAll("sentences") Sentence sentence) {
        String raw = sentence.before() + number.lead() + write(number, form) + sentence.after();

        var result = Redactor.redact(raw);

        assertThat(result.text()).isEqualTo(sentence.before() + number.lead() + PLACEHOLDER + sentence.after());
        assertThat(result.wasRedacted()).isTrue();
        assertThat(Redactor.containsForbiddenRun(result.text())).isFalse();
        assertThat(Redactor.redact(result.text()).text()).isSameAs(result.text());
    }

    @Provide
    Arbitrary<String> shortRunsOnly() {
        var amount = Arbitraries.integers().between(1, 999_999)
            .map(n -> String.format(java.util.Locale.ROOT, "%,d", n).replace(',', ' ') + " kr");
        var instalment = Arbitraries.integers().between(1, 9999).map(n -> n + ",50 kr i måneden");
        var time = Combinators.combine(Arbitraries.integers().between(0, 23), Arbitraries.integers().between(0, 59))
            .as((h, m) -> String.format("kl. %02d.%02d", h, m));
        var postcode = Arbitraries.strings().numeric().ofLength(4).map(p -> "Postnr " + p + " Oslo");
        var caseNumber = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(6).map(n -> "Saksnr " + n);
        var shortDate = Combinators.combine(Arbitraries.integers().between(1, 28), Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(0, 99)).as((d, m, y) -> String.format("%02d.%02d.%02d", d, m, y));
        var date = Combinators.combine(Arbitraries.integers().between(1, 31), Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(StandaloneDate.MIN_YEAR, StandaloneDate.MAX_YEAR),
                Arbitraries.integers().between(0, 3))
            .filter((d, m, y, style) -> d <= java.time.YearMonth.of(y, m).lengthOfMonth())
            .as((d, m, y, style) -> switch (style) {
                case 0 -> d + "." + m + "." + y;
                case 1 -> String.format("%02d.%02d.%d", d, m, y);
                case 2 -> String.format("%02d/%02d/%d", d, m, y);
                default -> String.format("%d-%02d-%02d", y, m, d);
            });
        var otherScript = Combinators.combine(Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(6),
                Arbitraries.integers().between(0, SCRIPTS.size() - 1), Arbitraries.of(INVISIBLES))
            .as((digits, script, invisible) -> {
                var out = new StringBuilder("nr ");
                for (char c : digits.toCharArray()) {
                    out.append(SCRIPTS.get(script).apply(c - '0')).append(invisible);
                }
                return out.toString();
            });
        var unicodeDate = date.map(d -> {
            var out = new StringBuilder();
            d.chars().forEach(c -> out.append(c >= '0' && c <= '9' ? (char) (0xFF10 + c - '0') : (char) c));
            return out.toString();
        });
        var fragment = Arbitraries.oneOf(amount, instalment, time, postcode, caseNumber, shortDate, date, otherScript,
                unicodeDate, Arbitraries.of("Hei", "Jeg kan betale", "I can pay", "Takk!", "OK", "Hilsen Kari"));
        var joiner = Arbitraries.of(" og ", " and ", ". Så ", " – men ", ", eller ", "\nHilsen ", " then ");
        return Combinators.combine(fragment.list().ofMinSize(1).ofMaxSize(6), joiner).as((parts, with) ->
                String.join(with, parts));
    }

    @Property
    void textWithOnlyShortRunsComesBackAsTheSameString(@ForAll("shortRunsOnly") String raw) {
        var result = Redactor.redact(raw);

        assertThat(result.text()).isSameAs(raw);
        assertThat(result.wasRedacted()).isFalse();
        assertThat(Redactor.containsForbiddenRun(raw)).isFalse();
    }

    // ---- against a second, deliberately naive reading of the rule ---------------------------------------------

    @Provide
    Arbitrary<String> anything() {
        var pieces = Arbitraries.of("1", "7", "0", "\u0663", "１", "²", "⑫", "❾", Character.toString(0x1D7D7), " ",
                "  ", ".", "-", "/", "\u00A0", "\n", "(", ")", "+", "\u200B", "\u2060", "\uFE0F\u20E3", "\u00AD", "a",
                "kr", "@", "%", "[", PLACEHOLDER, "15.12.2026", "31.02.2026", "2026-12-15", "1.2.2027", "\uD835",
                "\uDFCE", "é", "e\u0301");
        return pieces.list().ofMaxSize(40).map(list -> String.join("", list));
    }

    @Property(tries = 1000)
    void agreesWithANaiveReadingOfTheRule(@ForAll("anything") String raw) {
        var result = Redactor.redact(raw);

        assertThat(result.text()).isEqualTo(NaiveRule.redact(raw));
        assertThat(Redactor.containsForbiddenRun(result.text())).isFalse();
        assertThat(Redactor.redact(result.text()).text()).isEqualTo(result.text());
    }

    @Property(tries = 200)
    void continuationLeavesNoForbiddenRunAcrossTheSeam(@ForAll("anything") String first,
            @ForAll("anything") String second) {
        var result = Redactor.continuation(Redactor.redact(first), Redactor.redact(second));

        String both = result.previous().text() + "\n" + result.next().text();
        assertThat(Redactor.containsForbiddenRun(both)).isFalse();
        assertThat(result.joined()).isEqualTo(Redactor.containsForbiddenRun(
                Redactor.redact(first).text() + "\n" + Redactor.redact(second).text()));
    }

    @Property(tries = 200)
    void acrossMessagesLeavesNoForbiddenRunInTheConversation(
            @ForAll("conversations") List<String> conversation) {
        var redacted = conversation.stream().map(Redactor::redact).toList();

        var result = Redactor.acrossMessages(redacted);

        assertThat(result).hasSameSizeAs(conversation);
        String all = String.join("\n", result.stream().map(RedactedText::text).toList());
        assertThat(Redactor.containsForbiddenRun(all)).isFalse();
    }

    @Provide
    Arbitrary<List<String>> conversations() {
        var shortPieces = Arbitraries.of("1", "17", "179", "120", "99997", " ", "-", "\u200B", "ok", "1 500 kr", "٣",
                "15.12.", "2026");
        return shortPieces.list().ofMinSize(1).ofMaxSize(3).map(list -> String.join("", list))
            .list().ofMinSize(1).ofMaxSize(6);
    }

    /**
     * The rule read literally, slowly: list the code points, decide for each pair of neighbouring digits whether
     * what stands between them is only separators (at most three) and invisible characters.
     */
    static final class NaiveRule {
        static String redact(String text) {
            int[] cps = text.codePoints().toArray();
            int[] offsets = new int[cps.length + 1];
            for (int i = 0; i < cps.length; i++) {
                offsets[i + 1] = offsets[i] + Character.charCount(cps[i]);
            }
            var digitAt = new ArrayList<Integer>();
            for (int i = 0; i < cps.length; i++) {
                if (CharClass.of(cps[i]) > 0) {
                    digitAt.add(i);
                }
            }
            var out = new StringBuilder();
            int copied = 0;
            int r = 0;
            while (r < digitAt.size()) {
                int last = r;
                while (last + 1 < digitAt.size() && joins(cps, digitAt.get(last), digitAt.get(last + 1))) {
                    last++;
                }
                int weight = 0;
                for (int k = r; k <= last; k++) {
                    weight += CharClass.of(cps[digitAt.get(k)]);
                }
                int startCp = digitAt.get(r);
                int endCp = digitAt.get(last) + 1;
                while (endCp < cps.length && CharClass.of(cps[endCp]) == CharClass.MARK) {
                    endCp++;
                }
                int start = offsets[startCp];
                int end = offsets[endCp];
                if (weight >= 7 && !(weight <= 8 && StandaloneDate.matches(text, start, end))) {
                    out.append(text, copied, start).append(PLACEHOLDER);
                    copied = end;
                }
                r = last + 1;
            }
            return out.append(text, copied, text.length()).toString();
        }

        private static boolean joins(int[] cps, int from, int to) {
            int separators = 0;
            for (int i = from + 1; i < to; i++) {
                byte kind = CharClass.of(cps[i]);
                if (kind == CharClass.SEPARATOR) {
                    separators++;
                } else if (kind != CharClass.INVISIBLE && kind != CharClass.MARK) {
                    return false;
                }
            }
            return separators <= 3;
        }
    }
}
