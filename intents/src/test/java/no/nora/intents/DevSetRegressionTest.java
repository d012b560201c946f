package no.nora.intents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import no.nora.intents.eval.IntentEvaluation;
import no.nora.intents.eval.IntentReport;
import no.nora.intents.training.Corpus;
import org.junit.jupiter.api.Test;

/**
 * Guards the figure the README reports: the shipped model on the development set. The set lives beside the
 * repository ({@code ../shared/eval/nlu-dev.tsv}); without it (a bare clone) the test is skipped, on CI it is there.
 */
class DevSetRegressionTest {
    /** The README's figure (measured 0.980), rounded down a little. Raise it when the model gets better. */
    static final double MIN_ACCURACY = 0.97;
    /** Ten messages an intent: every intent, out_of_scope included, misses at most one. */
    static final double MIN_RECALL_PER_INTENT = 0.90;

    @Test
    void the_shipped_model_keeps_its_accuracy_on_the_development_set() {
        Path dev = Path.of(System.getProperty("nora.shared.dir", "../shared"), "eval", "nlu-dev.tsv");
        assumeTrue(Files.isRegularFile(dev), "No development set at " + dev.toAbsolutePath().normalize()
                + " – skipping the accuracy guard (it runs where ../shared/eval is present, as on CI)");

        IntentReport report = new IntentReport(IntentEvaluation.predict(IntentClassifier.load(), Corpus.read(dev)));

        assertThat(report.accuracy()).as("dev-set accuracy; errors: %s", report.errors()).isGreaterThanOrEqualTo(MIN_ACCURACY);
        report.scores().forEach((intent, scores) -> assertThat(scores.recall())
                .as("recall of %s", intent.label()).isGreaterThanOrEqualTo(MIN_RECALL_PER_INTENT));
    }
}
