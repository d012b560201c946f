package no.nora.bot.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The team sees a phrasing once, with how often debtors wrote it, however they spelled and punctuated it. */
class ReviewGroupsTest {
    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void nearDuplicatesAreOneGroupAndTheMostFrequentComesFirst() {
        var items = new ArrayList<ReviewItem>();
        items.add(item("a", "Kan eg få papira på nytt?", 5, ReviewReason.NOT_UNDERSTOOD));
        items.add(item("b", "kan eg få papira på nytt", 4, ReviewReason.NOT_UNDERSTOOD));
        items.add(item("c", "KAN EG FÅ PAPIRA PÅ NYTT!!", 3, ReviewReason.HANDOFF));
        items.add(item("d", "kan eg få papirene på nytt", 2, ReviewReason.LOW_CONFIDENCE));
        items.add(item("e", "hva er været i morgen", 1, ReviewReason.NOT_UNDERSTOOD));

        var groups = ReviewGroups.of(newestFirst(items));

        assertThat(groups).hasSize(2);
        var first = groups.get(0);
        assertThat(first.count()).isEqualTo(4);
        assertThat(first.text()).as("the newest phrasing stands for the group").isEqualTo("Kan eg få papira på nytt?");
        assertThat(first.reasons()).containsEntry("not-understood", 2L).containsEntry("handoff", 1L)
                .containsEntry("low-confidence", 1L);
        assertThat(first.items()).extracting(ReviewItem::id).containsExactly("a", "b", "c", "d");
        assertThat(groups.get(1).text()).isEqualTo("hva er været i morgen");
    }

    @Test
    void aShortWordAndALongerMessageStartingWithItAreNotTheSame() {
        var groups = ReviewGroups.of(List.of(item("a", "kopi", 2, ReviewReason.NOT_UNDERSTOOD),
                item("b", "kopi takk til epost", 1, ReviewReason.NOT_UNDERSTOOD)));
        assertThat(groups).hasSize(2);
    }

    @Test
    void equallyFrequentGroupsComeNewestFirst() {
        var groups = ReviewGroups.of(List.of(item("a", "fakturaen er feil", 2, ReviewReason.NOT_UNDERSTOOD),
                item("b", "hvem er dere egentlig", 1, ReviewReason.NOT_UNDERSTOOD)));
        assertThat(groups).extracting(ReviewGroups.Group::text)
                .containsExactly("fakturaen er feil", "hvem er dere egentlig");
    }

    private static List<ReviewItem> newestFirst(List<ReviewItem> items) {
        return items.stream().sorted((x, y) -> y.at().compareTo(x.at())).toList();
    }

    static ReviewItem item(String id, String text, int minutesAfter, ReviewReason reason) {
        return new ReviewItem(id, "conv" + id, "web", text, reason, "out_of_scope", 21, "nn", T.plusSeconds(60L * minutesAfter),
                Optional.empty());
    }
}
