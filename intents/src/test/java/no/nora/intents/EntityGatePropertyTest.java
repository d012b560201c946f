package no.nora.intents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The extractor skips a pattern when the message lacks every word the pattern needs. That must never change what
 * is found: messages built from the patterns' own phrases (every alternative they know), in any letter case and
 * spacing, find exactly what running every pattern finds. A pattern given a new word without its gate fails here.
 */
class EntityGatePropertyTest {
    private static final LocalDate TODAY = LocalDate.of(2025, 12, 20);
    private static final EntityExtractor GATED = new EntityExtractor();
    private static final EntityExtractor EVERY_PATTERN = EntityExtractor.everyPattern();

    // Every alternative the patterns know, by the part of a message it plays.
    private static final List<String> NUMBERS = List.of("1", "2", "3", "6", "9", "12", "15", "31", "500", "1 500",
            "1.500", "2 000", "99,50", "1,5");
    private static final List<String> NUMBER_WORDS = words("en et ei ein ett eitt one to two tre three fire four fem five"
            + " seks six sju syv seven åtte atte eight ni nine ti ten elleve eleven tolv twelve atten eighteen tjuefire"
            + " twenty-four a");
    private static final List<String> MONEY = words("kr kr. kroner kronar nok ,- ,-- .-");
    private static final List<String> MONTHLY = List.of("i måneden", "i maneden", "i mnd", "pr mnd", "pr. mnd",
            "per mnd", "/ mnd", "per måned", "per maned", "hver måned", "i månaden", "kvar månad", "a month",
            "per month", "each month", "monthly");
    private static final List<String> MONTH_UNITS = words("mnd mnd. mnds måneder måneders måned maneder maaneder maned"
            + " månader månad manader month months mth mths");
    private static final List<String> YEARS = List.of("år", "aar", "year", "years", "helt år", "heilt år", "full year",
            "halvt år", "et halvt år", "halvår", "halvaar", "half a year", "halvannet år", "halvanna år",
            "halvannet aar", "one and a half years", "a year and a half");
    private static final List<String> MONTH_NAMES = words("januar january jan februar february feb mars march mar april"
            + " apr mai may juni june jun juli july jul august aug september sept sep oktober october okt oct november"
            + " nov desember december des dec");
    private static final List<String> RELATIVE_DAYS = List.of("i forgårs", "iforgårs", "i forgars", "i går", "igår",
            "i gar", "i gaar", "yesterday", "i overmorgen", "i overmorgon", "overimorgen", "the day after tomorrow",
            "day after tomorrow", "i morgen", "imorgen", "i morgon", "tomorrow", "i dag", "idag", "today");
    private static final List<String> DAY_UNITS = words("dager dagar days day dag uker veker uke veke weeks week");
    private static final List<String> WEEKDAY_PREFIXES = words("neste kommende førstkommende forstkommende på paa pa til"
            + " innen next this on by until coming");
    private static final List<String> WEEKDAYS = words("mandag måndag monday tirsdag tysdag tuesday onsdag wednesday"
            + " torsdag thursday fredag friday lørdag lordag loerdag laurdag saturday søndag sondag soendag sunday");
    private static final List<String> CHOICE_WORDS = words("# nr nr. nummer no. number option choice alternativ"
            + " alternativet valg");
    private static final List<String> ORDINALS = words("første forste foerste fyrste first andre second tredje third"
            + " fjerde fourth femte fifth");
    private static final List<String> BEFORE_ORDINAL = words("den det the nummer nr alternativ");
    private static final List<String> AFTER_ORDINAL = words("one option alternativet valget forslaget");
    private static final List<String> OTHER = words("hei kan jeg betale over på innen til . ! ) 15.12 15/12 15.12.2026"
            + " 2026-12-15 3.");

    private static List<String> words(String spaced) {
        return List.of(spaced.split(" "));
    }

    @Property(tries = 2000)
    void skippingPatternsNeverChangesWhatIsFound(@ForAll("messages") String message) {
        assertThat(GATED.extract(message, TODAY)).isEqualTo(EVERY_PATTERN.extract(message, TODAY));
    }

    @Provide
    Arbitrary<String> messages() {
        Arbitrary<String> fragment = Arbitraries.oneOf(
                phrase(NUMBERS, MONEY), phrase(MONEY, NUMBERS), phrase(NUMBERS, MONTHLY),
                phrase(NUMBERS, MONTH_UNITS), phrase(NUMBER_WORDS, MONTH_UNITS), phrase(NUMBERS, YEARS),
                phrase(NUMBER_WORDS, YEARS), phrase(NUMBERS, MONTH_NAMES), phrase(MONTH_NAMES, NUMBERS),
                phrase(RELATIVE_DAYS), phrase(List.of("om", "in"), NUMBERS, DAY_UNITS),
                phrase(List.of("om", "in"), NUMBER_WORDS, DAY_UNITS), phrase(WEEKDAY_PREFIXES, WEEKDAYS),
                phrase(WEEKDAYS), phrase(CHOICE_WORDS, NUMBERS), phrase(CHOICE_WORDS, NUMBER_WORDS),
                phrase(BEFORE_ORDINAL, ORDINALS), phrase(ORDINALS, AFTER_ORDINAL), phrase(ORDINALS),
                phrase(OTHER));
        return fragment.list().ofMinSize(1).ofMaxSize(3).map(fragments -> String.join(" ", fragments));
    }

    /** One word from each list in turn, in any letter case, with one space, two or none between them. */
    @SafeVarargs
    private static Arbitrary<String> phrase(List<String>... parts) {
        Arbitrary<String> text = Arbitraries.just("");
        for (List<String> part : parts) {
            Arbitrary<String> word = Combinators.combine(Arbitraries.of(part), Arbitraries.integers().between(0, 2))
                    .as((w, letterCase) -> switch (letterCase) {
                        case 0 -> w;
                        case 1 -> w.toUpperCase(Locale.ROOT);
                        default -> Character.toUpperCase(w.charAt(0)) + w.substring(1);
                    });
            text = Combinators.combine(text, Arbitraries.of(" ", " ", "", "  "), word)
                    .as((before, gap, w) -> before.isEmpty() ? w : before + gap + w);
        }
        return text;
    }
}
