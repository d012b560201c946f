package no.nora.bot.learning;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Near-duplicates of the review inbox put together, so the team labels a phrasing once, not once per debtor: two
 * messages are near-duplicates when, lower-cased and stripped to their letters, their character trigrams overlap by
 * {@link #SIMILAR} or more (Jaccard). "Kopi av fakturaen?" and "kopi av fakturan" are one group; "kopi" and "kopi
 * takk" are not. Groups are listed most frequent first. CPU work: run it off the event loop.
 */
public final class ReviewGroups {
    static final double SIMILAR = 0.6;

    private ReviewGroups() {
    }

    /** One group: its first message stands for it (the newest of the phrasing, items come newest first). */
    public record Group(String key, String text, int count, Map<String, Long> reasons, String guess, int confidence,
                        String language, Instant lastAt, List<ReviewItem> items) {
        public Group {
            reasons = Map.copyOf(reasons);
            items = List.copyOf(items);
        }
    }

    /** @param items newest first */
    public static List<Group> of(List<ReviewItem> items) {
        // Exactly the same letters first (cheap), then the distinct phrasings compared with each other.
        var byForm = new LinkedHashMap<String, List<ReviewItem>>();
        for (ReviewItem item : items) {
            byForm.computeIfAbsent(form(item.text()), f -> new ArrayList<>()).add(item);
        }
        var clusters = new ArrayList<Cluster>();
        for (var phrasing : byForm.entrySet()) {
            var grams = trigrams(phrasing.getKey());
            Cluster home = null;
            for (Cluster c : clusters) {
                if (jaccard(c.grams, grams) >= SIMILAR) {
                    home = c;
                    break;
                }
            }
            if (home == null) {
                clusters.add(new Cluster(grams, new ArrayList<>(phrasing.getValue())));
            } else {
                home.items.addAll(phrasing.getValue());
            }
        }
        return clusters.stream().map(Cluster::group)
                .sorted(Comparator.comparingInt(Group::count).reversed().thenComparing(Group::lastAt,
                        Comparator.reverseOrder()))
                .toList();
    }

    private record Cluster(Set<String> grams, List<ReviewItem> items) {
        Group group() {
            items.sort(Comparator.comparing(ReviewItem::at).reversed());
            var first = items.get(0);
            var reasons = new TreeMap<String, Long>();
            items.forEach(i -> reasons.merge(i.reason().code(), 1L, Long::sum));
            return new Group("g-" + first.id(), first.text(), items.size(), reasons, first.guess(), first.confidence(),
                    first.language(), first.at(), items);
        }
    }

    /** Lower case, letters only, single spaces. */
    static String form(String text) {
        var normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        var out = new StringBuilder(normal.length());
        normal.codePoints().forEach(c -> out.appendCodePoint(Character.isLetter(c) ? c : ' '));
        return out.toString().trim().replaceAll("\\s+", " ");
    }

    static Set<String> trigrams(String form) {
        var padded = " " + form + " ";
        var grams = new HashSet<String>();
        for (int i = 0; i + 3 <= padded.length(); i++) {
            grams.add(padded.substring(i, i + 3));
        }
        return grams;
    }

    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        int common = 0;
        for (String g : a) {
            if (b.contains(g)) {
                common++;
            }
        }
        return (double) common / (a.size() + b.size() - common);
    }
}
