package no.nora.intents;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what the dialogue needs in a redacted message, with offsets into that text:
 * <ul>
 *   <li>{@code amount}: kroner as a {@link BigDecimal} – {@code 500 kr}, {@code kr 1 500,-}, {@code 500,-},
 *       {@code 1500kr}, {@code 1.500 kroner}, {@code NOK 2 000}, {@code 400 i måneden};</li>
 *   <li>{@code months}: a number of months as an {@link Integer} – {@code 6 mnd}, {@code seks måneder},
 *       {@code over et år} (12), {@code half a year} (6), {@code halvannet år} (18);</li>
 *   <li>{@code date}: an ISO-8601 string – {@code 15.12}, {@code 15. desember}, {@code 15.12.2026},
 *       {@code neste fredag}, {@code next friday}, {@code i morgen}, {@code i går}, {@code om 14 dager};</li>
 *   <li>{@code choice}: a 1-based {@link Integer} – {@code 1}, {@code nr 2}, {@code den andre},
 *       {@code the first one}, {@code nummer tre}.</li>
 * </ul>
 * A day and month without a year is the nearest such date to today (so "15.01" in late December is next
 * January, "03.12" in mid December is this year). Weekdays ("fredag", "neste fredag", "next friday") are the first
 * such day after today. Where two findings overlap, the longer wins. Stateless and thread-safe.
 */
public final class EntityExtractor {
    public static final String AMOUNT = "amount";
    public static final String MONTHS = "months";
    public static final String DATE = "date";
    public static final String CHOICE = "choice";

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            Map.entry("en", 1), Map.entry("et", 1), Map.entry("ei", 1), Map.entry("ein", 1), Map.entry("ett", 1), Map.entry("eitt", 1),
            Map.entry("one", 1), Map.entry("to", 2), Map.entry("two", 2), Map.entry("tre", 3),
            Map.entry("three", 3), Map.entry("fire", 4), Map.entry("four", 4), Map.entry("fem", 5),
            Map.entry("five", 5), Map.entry("seks", 6), Map.entry("six", 6), Map.entry("sju", 7),
            Map.entry("syv", 7), Map.entry("seven", 7), Map.entry("åtte", 8), Map.entry("atte", 8),
            Map.entry("eight", 8), Map.entry("ni", 9), Map.entry("nine", 9), Map.entry("ti", 10),
            Map.entry("ten", 10), Map.entry("elleve", 11), Map.entry("eleven", 11), Map.entry("tolv", 12),
            Map.entry("twelve", 12), Map.entry("atten", 18), Map.entry("eighteen", 18),
            Map.entry("tjuefire", 24), Map.entry("twenty-four", 24));
    private static final String NUMBER_WORD = "(?:en|et|ei|ein|ett|eitt|one|to|two|tre|three|fire|four|fem|five|seks|six"
            + "|sju|syv|seven|åtte|atte|eight|ni|nine|ti|ten|elleve|eleven|tolv|twelve|atten|eighteen|tjuefire"
            + "|twenty-four)";

    private static final Map<String, Integer> ORDINALS = Map.ofEntries(
            Map.entry("første", 1), Map.entry("forste", 1), Map.entry("foerste", 1), Map.entry("fyrste", 1),
            Map.entry("first", 1), Map.entry("andre", 2), Map.entry("second", 2), Map.entry("tredje", 3),
            Map.entry("third", 3), Map.entry("fjerde", 4), Map.entry("fourth", 4), Map.entry("femte", 5),
            Map.entry("fifth", 5));
    private static final String ORDINAL = "(første|forste|foerste|fyrste|first|andre|second|tredje|third|fjerde"
            + "|fourth|femte|fifth)";

    private static final String MONTH_WORDS = "januar|january|jan|februar|february|feb|mars|march|mar|april|apr"
            + "|mai|may|juni|june|jun|juli|july|jul|august|aug|september|sept|sep|oktober|october|okt|oct"
            + "|november|nov|desember|december|des|dec";
    private static final String MONTH_NAME = "(" + MONTH_WORDS + ")";
    private static final String WEEKDAY = "(mandag|måndag|monday|tirsdag|tysdag|tuesday|onsdag|wednesday"
            + "|torsdag|thursday|fredag|friday|lørdag|lordag|loerdag|laurdag|saturday|søndag|sondag|soendag"
            + "|sunday)";

    // Money: a number with "kr", "kroner", "NOK" or ",-" around it, or "per month" after it.
    private static final String KRONER = "(\\d{1,3}(?:[ \\u00A0.]\\d{3})+|\\d+)(?:[,.](\\d{2})(?!\\d)|,-{1,2}|\\.-)?";
    private static final Pattern AMOUNT_BEFORE = Pattern.compile(
            "(?<![\\d.,])" + KRONER + "\\s*(?:kr\\.?|kroner|kronar|nok)(?![\\p{L}])", FLAGS);
    private static final Pattern AMOUNT_DASH = Pattern.compile(
            "(?<![\\d.,])(\\d{1,3}(?:[ \\u00A0.]\\d{3})+|\\d+),-{1,2}", FLAGS);
    private static final Pattern AMOUNT_AFTER = Pattern.compile(
            "(?<![\\p{L}])(?:kr\\.?|nok)\\s*" + KRONER + "(?!\\d)", FLAGS);
    private static final Pattern AMOUNT_MONTHLY = Pattern.compile(
            "(?<![\\d.,])(\\d{2,3}(?:[ \\u00A0.]\\d{3})+|\\d{2,})(?=\\s*(?:i\\s+måneden|i\\s+maneden|i\\s+mnd"
                    + "|pr\\.?\\s*mnd|per\\s+mnd|/\\s*mnd|per\\s+måned|per\\s+maned|hver\\s+måned|i\\s+månaden"
                    + "|kvar\\s+månad|a\\s+month|per\\s+month|each\\s+month|monthly)(?![\\p{L}]))", FLAGS);

    private static final Pattern MONTHS_COUNT = Pattern.compile(
            "(?<![\\p{L}\\d])(\\d{1,2}|" + NUMBER_WORD + ")\\s*(?:mnd\\.?|mnds|måneder|måneders|måned|maneder|maaneder"
                    + "|maned|månader|månad|manader|months?|mths?)(?![\\p{L}])", FLAGS);
    private static final Pattern YEARS_COUNT = Pattern.compile(
            "(?<![\\p{L}\\d])(\\d|" + NUMBER_WORD + "|a)\\s+(?:helt\\s+|heilt\\s+|full\\s+)?(?:år|aar|years?)"
                    + "(?![\\p{L}])", FLAGS);
    private static final Pattern HALF_YEAR = Pattern.compile(
            "(?<![\\p{L}])(?:(?:et|eit|ett)\\s+)?(?:halvt\\s+år|halvt\\s+aar|halvår|halvaar)(?![\\p{L}])"
                    + "|(?<![\\p{L}])half\\s+a\\s+year(?![\\p{L}])", FLAGS);
    private static final Pattern YEAR_AND_HALF = Pattern.compile(
            "(?<![\\p{L}])(?:halvannet\\s+år|halvanna\\s+år|halvannet\\s+aar|1,5\\s+år|one\\s+and\\s+a\\s+half\\s+years?"
                    + "|a\\s+year\\s+and\\s+a\\s+half)(?![\\p{L}])", FLAGS);

    private static final Pattern DAY_MONTH_NUMERIC = Pattern.compile(
            "(?<![\\d.,/])(\\d{1,2})[./](\\d{1,2})(?:[./](\\d{4}|\\d{2})(?![\\d]))?(?![\\d,]|\\.\\d|\\s*(?:kr|nok|,-))",
            FLAGS);
    private static final Pattern ISO_DATE = Pattern.compile("(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)");
    private static final Pattern DAY_MONTH_NAME = Pattern.compile(
            "(?<![\\d])(\\d{1,2})(?:\\.|st|nd|rd|th)?\\s*(?:of\\s+)?" + MONTH_NAME + "\\.?(?![\\p{L}])"
                    + "(?:,?\\s+(\\d{4})(?!\\d))?", FLAGS);
    private static final Pattern MONTH_NAME_DAY = Pattern.compile(
            "(?<![\\p{L}])" + MONTH_NAME + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d\\p{L}])(?:,?\\s+(\\d{4})(?!\\d))?",
            FLAGS);
    private static final Pattern RELATIVE_DAY = Pattern.compile(
            "(?<![\\p{L}])(i\\s*forgårs|i\\s*forgars|i\\s*går|i\\s*gar|i\\s*gaar|yesterday|i\\s*overmorgen|i\\s*overmorgon|overimorgen|the\\s+day\\s+after\\s+tomorrow"
                    + "|day\\s+after\\s+tomorrow|i\\s*morgen|i\\s*morgon|tomorrow|i\\s*dag|today)(?![\\p{L}])", FLAGS);
    private static final Pattern IN_DAYS = Pattern.compile(
            "(?<![\\p{L}])(?:om|in)\\s+(\\d{1,2}|" + NUMBER_WORD + "|a)\\s+(dager|dagar|days?|dag|uker|veker|uke|veke"
                    + "|weeks?)(?![\\p{L}])", FLAGS);
    private static final Pattern WEEKDAY_DATE = Pattern.compile(
            "(?<![\\p{L}])(?:(?:neste|kommende|førstkommende|forstkommende|på|paa|pa|til|innen|next|this|on|by"
                    + "|until|coming)\\s+)?" + WEEKDAY + "(?![\\p{L}])", FLAGS);

    private static final Pattern CHOICE_ALONE = Pattern.compile(
            "\\s*(?:#|nr\\.?\\s*|nummer\\s+|no\\.\\s*|number\\s+|option\\s+|alternativ\\s+|valg\\s+)?([1-9])[.)!]?\\s*",
            FLAGS);
    private static final Pattern CHOICE_NUMBERED = Pattern.compile(
            "(?<![\\p{L}])(?:nr\\.?|nummer|no\\.|number|option|choice|alternativ|alternativet|valg)\\s*(\\d|"
                    + NUMBER_WORD + ")(?![\\d\\p{L}])", FLAGS);
    private static final Pattern CHOICE_ORDINAL = Pattern.compile(
            "(?<![\\p{L}])(?:den|det|the|nummer|nr|alternativ)\\s+" + ORDINAL
                    + "(?:\\s+(?:one|option|alternativet|valget|forslaget))?(?![\\p{L}])"
                    + "(?!\\.?\\s*(?:of\\s|" + MONTH_WORDS + "|\\d))", FLAGS);
    private static final Pattern CHOICE_ORDINAL_ONE = Pattern.compile(
            "(?<![\\p{L}])" + ORDINAL + "\\s+(?:one|option)(?![\\p{L}])", FLAGS);
    private static final Pattern ORDINAL_ALONE = Pattern.compile("\\s*" + ORDINAL + "[.!]?\\s*", FLAGS);
    private static final Pattern NOT_DIGIT = Pattern.compile("[^0-9]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    // What each pattern cannot match without: one of these in the text, compared as the patterns compare letters.
    private static final String[] KRONER_WORDS = {"kr", "nok"};
    private static final String[] MONTH_UNITS = {"mnd", "måne", "mane", "maane", "månad", "manad", "month", "mth"};
    private static final String[] YEAR_WORDS = {"år", "aar", "year"};
    private static final String[] MONTH_STEMS = {"jan", "feb", "mar", "apr", "mai", "may", "jun", "jul", "aug", "sep",
        "okt", "oct", "nov", "des", "dec"};
    private static final String[] RELATIVE_DAY_WORDS = {"går", "gar", "gaar", "yesterday", "morg", "tomorrow", "dag",
        "today"};
    private static final String[] DAY_UNITS = {"dag", "day", "uke", "veke", "week"};
    private static final String[] WEEKDAYS = {"dag", "day"};
    private static final String[] CHOICE_WORDS = {"nr", "nummer", "no.", "number", "option", "choice", "alternativ",
        "valg"};
    private static final String[] ORDINAL_WORDS = {"første", "forste", "foerste", "fyrste", "first", "andre", "second",
        "tredje", "third", "fjerde", "fourth", "femte", "fifth"};

    private final boolean gated;

    public EntityExtractor() {
        this(true);
    }

    private EntityExtractor(boolean gated) {
        this.gated = gated;
    }

    /** Every pattern on every message (digits aside): what the word gates must never change. For tests. */
    static EntityExtractor everyPattern() {
        return new EntityExtractor(false);
    }

    public List<Entity> extract(String text, LocalDate today) {
        List<Entity> found = new ArrayList<>();
        // Every pattern scans the whole text, and most messages can match few of them: a pattern runs only when the
        // digits or words it cannot match without are there (three times the throughput).
        var words = new FoldedText(text, gated);
        if (words.digits) {
            amounts(text, words, found);
        }
        months(text, words, found);
        dates(text, today, words, found);
        choices(text, words, found);
        return withoutOverlaps(found);
    }

    /**
     * The message as the patterns see it: letters folded as a case-insensitive Unicode pattern folds them (upper, then
     * lower case), so "contains" here is true wherever a pattern could match the word.
     */
    private static final class FoldedText {
        final boolean digits;
        private final String folded;
        private final boolean gated;

        FoldedText(String text, boolean gated) {
            this.gated = gated;
            char[] chars = new char[text.length()];
            boolean anyDigit = false;
            for (int i = 0; i < chars.length; i++) {
                char c = text.charAt(i);
                anyDigit |= Character.isDigit(c);
                chars[i] = Character.toLowerCase(Character.toUpperCase(c));
            }
            this.digits = anyDigit;
            this.folded = new String(chars);
        }

        boolean any(String... words) {
            if (!gated) {
                return true;
            }
            for (String word : words) {
                if (folded.contains(word)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static void amounts(String text, FoldedText words, List<Entity> found) {
        if (words.any(KRONER_WORDS)) {
            find(AMOUNT_BEFORE, text, found, AMOUNT, m -> kroner(m.group(1), m.group(2)));
            find(AMOUNT_AFTER, text, found, AMOUNT, m -> kroner(m.group(1), m.group(2)));
        }
        if (words.any(",-")) {
            find(AMOUNT_DASH, text, found, AMOUNT, m -> kroner(m.group(1), null));
        }
        if (words.any(MONTH_UNITS)) {
            find(AMOUNT_MONTHLY, text, found, AMOUNT, m -> kroner(m.group(1), null));
        }
    }

    private static BigDecimal kroner(String whole, String ore) {
        String digits = NOT_DIGIT.matcher(whole).replaceAll("");
        return ore == null ? new BigDecimal(digits) : new BigDecimal(digits + "." + ore);
    }

    private static void months(String text, FoldedText words, List<Entity> found) {
        if (words.any(MONTH_UNITS)) {
            find(MONTHS_COUNT, text, found, MONTHS, m -> number(m.group(1)));
        }
        if (words.any(YEAR_WORDS)) {
            find(YEARS_COUNT, text, found, MONTHS, m -> {
                Integer years = m.group(1).equalsIgnoreCase("a") ? Integer.valueOf(1) : number(m.group(1));
                return years == null ? null : years * 12;
            });
        }
        if (words.any("halv", "half")) {
            find(HALF_YEAR, text, found, MONTHS, m -> 6);
        }
        if (words.any("halvann", "1,5", "half")) {
            find(YEAR_AND_HALF, text, found, MONTHS, m -> 18);
        }
    }

    private static void dates(String text, LocalDate today, FoldedText words, List<Entity> found) {
        if (words.digits) {
            if (words.any(".", "/")) {
                find(DAY_MONTH_NUMERIC, text, found, DATE, m -> date(today, m.group(1), m.group(2), m.group(3)));
            }
            if (words.any("-")) {
                find(ISO_DATE, text, found, DATE, m -> date(today, m.group(3), m.group(2), m.group(1)));
            }
            if (words.any(MONTH_STEMS)) {
                find(DAY_MONTH_NAME, text, found, DATE,
                        m -> date(today, m.group(1), monthNumber(m.group(2)), m.group(3)));
                find(MONTH_NAME_DAY, text, found, DATE,
                        m -> date(today, m.group(2), monthNumber(m.group(1)), m.group(3)));
            }
        }
        if (words.any(RELATIVE_DAY_WORDS)) {
            find(RELATIVE_DAY, text, found, DATE, m -> {
                String word = SPACES.matcher(m.group(1).toLowerCase(Locale.ROOT)).replaceAll("");
                int days = word.startsWith("iforg") ? -2 : word.startsWith("ig") || word.equals("yesterday") ? -1
                        : word.contains("over") || word.contains("after") ? 2
                        : word.contains("morg") || word.contains("tomorrow") ? 1 : 0;
                return today.plusDays(days).toString();
            });
        }
        if (words.any(DAY_UNITS)) {
            find(IN_DAYS, text, found, DATE, m -> {
                Integer n = m.group(1).equalsIgnoreCase("a") ? Integer.valueOf(1) : number(m.group(1));
                if (n == null) {
                    return null;
                }
                String unit = m.group(2).toLowerCase(Locale.ROOT);
                return today.plusDays(unit.startsWith("d") ? n : 7L * n).toString();
            });
        }
        if (words.any(WEEKDAYS)) {
            find(WEEKDAY_DATE, text, found, DATE, m -> {
                DayOfWeek day = weekday(m.group(1));
                LocalDate date = today.plusDays(1);
                while (date.getDayOfWeek() != day) {
                    date = date.plusDays(1);
                }
                return date.toString();
            });
        }
    }

    private static void choices(String text, FoldedText words, List<Entity> found) {
        Matcher alone = CHOICE_ALONE.matcher(text);
        if (alone.matches()) {
            found.add(new Entity(CHOICE, alone.start(1), alone.end(1), Integer.parseInt(alone.group(1))));
            return;
        }
        Matcher ordinal = ORDINAL_ALONE.matcher(text);
        if (ordinal.matches()) {
            found.add(new Entity(CHOICE, ordinal.start(1), ordinal.end(1), ordinalValue(ordinal.group(1))));
            return;
        }
        if (words.any(CHOICE_WORDS)) {
            find(CHOICE_NUMBERED, text, found, CHOICE, m -> {
                Integer n = number(m.group(1));
                return n == null || n < 1 || n > 9 ? null : n;
            });
        }
        if (words.any(ORDINAL_WORDS)) {
            find(CHOICE_ORDINAL, text, found, CHOICE, m -> ordinalValue(m.group(1)));
            find(CHOICE_ORDINAL_ONE, text, found, CHOICE, m -> ordinalValue(m.group(1)));
        }
    }

    private static void find(Pattern pattern, String text, List<Entity> found, String entity,
                             Function<Matcher, Object> value) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            Object v = value.apply(m);
            if (v != null) {
                found.add(new Entity(entity, m.start(), m.end(), v));
            }
        }
    }

    private static Integer number(String word) {
        if (word.chars().allMatch(Character::isDigit)) {
            return Integer.valueOf(word);
        }
        return NUMBER_WORDS.get(word.toLowerCase(Locale.ROOT));
    }

    private static Integer ordinalValue(String word) {
        return ORDINALS.get(word.toLowerCase(Locale.ROOT));
    }

    private static String monthNumber(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String[][] months = {{"jan"}, {"feb"}, {"mar"}, {"apr"}, {"mai", "may"}, {"jun"}, {"jul"}, {"aug"},
            {"sep"}, {"okt", "oct"}, {"nov"}, {"des", "dec"}};
        for (int i = 0; i < months.length; i++) {
            for (String prefix : months[i]) {
                if (n.startsWith(prefix)) {
                    return String.valueOf(i + 1);
                }
            }
        }
        throw new IllegalStateException("not a month: " + name);
    }

    private static DayOfWeek weekday(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("ma") || n.startsWith("må") || n.startsWith("mo")) {
            return DayOfWeek.MONDAY;
        } else if (n.startsWith("ti") || n.startsWith("ty") || n.startsWith("tu")) {
            return DayOfWeek.TUESDAY;
        } else if (n.startsWith("on") || n.startsWith("we")) {
            return DayOfWeek.WEDNESDAY;
        } else if (n.startsWith("to") || n.startsWith("th")) {
            return DayOfWeek.THURSDAY;
        } else if (n.startsWith("fr")) {
            return DayOfWeek.FRIDAY;
        } else if (n.startsWith("l") || n.startsWith("sa")) {
            return DayOfWeek.SATURDAY;
        }
        return DayOfWeek.SUNDAY;
    }

    /** A real calendar date, or null ("31.02", "44.13"); without a year, the one nearest to today. */
    private static String date(LocalDate today, String day, String month, String year) {
        int d = Integer.parseInt(day);
        int m = Integer.parseInt(month);
        try {
            if (year != null) {
                int y = Integer.parseInt(year);
                return LocalDate.of(y < 100 ? 2000 + y : y, m, d).toString();
            }
            LocalDate best = null;
            for (int y = today.getYear() - 1; y <= today.getYear() + 1; y++) {
                LocalDate candidate = LocalDate.of(y, m, d);
                if (best == null || Math.abs(candidate.toEpochDay() - today.toEpochDay())
                        < Math.abs(best.toEpochDay() - today.toEpochDay())) {
                    best = candidate;
                }
            }
            return best.toString();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static List<Entity> withoutOverlaps(List<Entity> found) {
        List<Entity> byLength = new ArrayList<>(found);
        byLength.sort(Comparator.comparingInt((Entity e) -> e.end() - e.start()).reversed()
                .thenComparingInt(Entity::start));
        List<Entity> kept = new ArrayList<>();
        for (Entity candidate : byLength) {
            boolean overlaps = kept.stream().anyMatch(k -> candidate.start() < k.end() && k.start() < candidate.end());
            if (!overlaps) {
                kept.add(candidate);
            }
        }
        kept.sort(Comparator.comparingInt(Entity::start));
        return kept;
    }
}
