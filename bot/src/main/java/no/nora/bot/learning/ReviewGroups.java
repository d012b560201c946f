package no.nora.bot.learning;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
        // Each group's trigrams, indexed: a phrasing is compared only with the groups it shares a trigram with, and
        // the overlap is counted rather than intersected.
        var groupsWith = new HashMap<String, List<Integer>>();
        for (var phrasing : byForm.entrySet()) {
            var grams = trigrams(phrasing.getKey());
            var shared = new HashMap<Integer, Integer>();
            for (String gram : grams) {
                for (int c : groupsWith.getOrDefault(gram, List.of())) {
                    shared.merge(c, 1, Integer::sum);
                }
            }
            int home = -1;
            for (var candidate : shared.entrySet()) {
                int c = candidate.getKey();
                int common = candidate.getValue();
                double similarity = (double) common / (clusters.get(c).grams().size() + grams.size() - common);
                if (similarity >= SIMILAR && (home < 0 || c < home)) {
                    home = c; // the oldest group that is alike, as a scan in order would find
                }
            }
            if (home < 0 && grams.isEmpty()) {
                home = clusters.stream().filter(c -> c.grams().isEmpty()).findFirst().map(clusters::indexOf).orElse(-1);
            }
            if (home < 0) {
                int index = clusters.size();
                clusters.add(new Cluster(grams, new ArrayList<>(phrasing.getValue())));
                grams.forEach(gram -> groupsWith.computeIfAbsent(gram, g -> new ArrayList<>()).add(index));
            } else {
                clusters.get(home).items().addAll(phrasing.getValue());
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
}
