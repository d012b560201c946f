package no.nora.intents.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import no.nora.intents.Intent;
import no.nora.intents.Language;
import no.nora.intents.training.LabelledExample;
import org.junit.jupiter.api.Test;

class FoldsTest {
    private static List<LabelledExample> examples(Intent intent, String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> new LabelledExample(intent, Language.NB, prefix + i)).toList();
    }

    @Test
    void added_examples_join_the_folds_without_moving_the_others_and_spread_per_intent() {
        List<LabelledExample> corpus = new ArrayList<>(examples(Intent.INVOICE_COPY, "kopi ", 10));
        corpus.addAll(examples(Intent.GREETING, "hei ", 7));
        List<List<LabelledExample>> folds = Folds.split(corpus, 3);

        List<List<LabelledExample>> extended = Folds.extend(folds, examples(Intent.GREETING, "heisann ", 5));

        for (int f = 0; f < 3; f++) {
            assertThat(extended.get(f)).startsWith(folds.get(f).toArray(LabelledExample[]::new));
        }
        assertThat(extended).allSatisfy(fold -> assertThat(fold.stream()
                .filter(e -> e.intent() == Intent.GREETING).count()).isEqualTo(4));
        assertThat(extended.stream().mapToInt(List::size).sum()).isEqualTo(22);
    }
}
