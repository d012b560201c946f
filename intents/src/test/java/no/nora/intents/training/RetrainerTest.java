package no.nora.intents.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import no.nora.intents.Intent;
import no.nora.intents.IntentClassifier;
import no.nora.intents.Language;
import no.nora.intents.eval.IntentEvaluation;
import no.nora.intents.eval.IntentReport;
import no.nora.redact.Redactor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A supervisor's retraining, end to end in the intents module: phrasings the shipped model does not understand,
 * labelled, become understood by the candidate, and a candidate taught nonsense is refused. Two runs on one
 * {@link Retrainer} (3 folds to keep the suite quick), shared by the tests.
 */
class RetrainerTest {
    private static final int FOLDS = 3;
    /** Invented slang for "send me the invoice again": no word of it is in the corpus. */
    private static final List<LabelledExample> SLANG = List.of("flinge meg blafferen", "kan du flinge en blaffer",
            "blafferen forsvant", "trenger blaffer", "flinge blaffer på nytt").stream()
            .map(text -> new LabelledExample(Intent.INVOICE_COPY, Language.NB, text)).toList();

    private record Step(String phase, int done, int total) {
    }

    private static IntentClassifier shipped;
    private static List<LabelledExample> devSet;
    private static final List<Step> learning = Collections.synchronizedList(new ArrayList<>());
    private static final List<Step> confusing = Collections.synchronizedList(new ArrayList<>());
    private static Candidate learnt;
    private static Candidate confused;

    @BeforeAll
    static void retrain_with_new_phrasings_then_with_wrong_labels() {
        shipped = IntentClassifier.load();
        Path dev = Path.of(System.getProperty("nora.shared.dir", "../shared"), "eval", "nlu-dev.tsv");
        devSet = Files.isRegularFile(dev) ? Corpus.read(dev) : List.of(); // measured on, never trained on
        List<LabelledExample> corpus = ShippedCorpus.read();
        Retrainer retrainer = new Retrainer(corpus, devSet, FOLDS);

        learnt = retrainer.retrain(shipped, List.of(), SLANG, (phase, done, total) -> learning.add(
                new Step(phase, done, total)));

        // The slang model is in use; then invoice requests are taught as greetings: 60 lines the model already
        // knows, now with the wrong label.
        List<LabelledExample> wrong = new ArrayList<>(SLANG);
        corpus.stream().filter(e -> e.intent() == Intent.INVOICE_COPY).limit(60)
                .forEach(e -> wrong.add(new LabelledExample(Intent.GREETING, e.language(), e.text())));
        confused = retrainer.retrain(shipped.withIntentModel(learnt.intentModel()), SLANG, wrong,
                (phase, done, total) -> confusing.add(new Step(phase, done, total)));
    }

    @Test
    void phrasings_the_shipped_model_does_not_understand_are_understood_after_retraining() {
        IntentClassifier retrained = shipped.withIntentModel(learnt.intentModel());

        for (LabelledExample e : SLANG) {
            assertThat(shipped.understand(Redactor.redact(e.text())).intent()).as("before: %s", e.text())
                    .isNotEqualTo(Intent.INVOICE_COPY);
            assertThat(retrained.understand(Redactor.redact(e.text())).intent()).as("after: %s", e.text())
                    .isEqualTo(Intent.INVOICE_COPY);
        }
        assertThat(learnt.report().added()).isEqualTo(new ModelReport.Added(SLANG.size(), SLANG.size()));
    }

    @Test
    void the_report_compares_every_intent_before_and_after_and_lets_the_candidate_in() {
        ModelReport report = learnt.report();

        assertThat(report.activatable()).as("reasons: %s", report.reasons()).isTrue();
        assertThat(report.crossValidation().folds()).isEqualTo(FOLDS);
        assertThat(report.crossValidation().before().intents()).containsOnlyKeys(Intent.values());
        assertThat(report.crossValidation().after().intents()).containsOnlyKeys(Intent.values());
        assertThat(report.crossValidation().after().intents().get(Intent.INVOICE_COPY).support())
                .isEqualTo(report.crossValidation().before().intents().get(Intent.INVOICE_COPY).support() + SLANG.size());
        if (devSet.isEmpty()) {
            assertThat(report.devSet()).isNull();
            assertThat(report.reasons()).contains("No development set: judged by cross-validation alone");
        } else {
            // "Before" is the model in use as the bot sees it: the figure DevSetRegressionTest guards.
            IntentReport inUse = new IntentReport(IntentEvaluation.predict(shipped, devSet));
            assertThat(report.devSet().size()).isEqualTo(devSet.size());
            assertThat(report.devSet().before().accuracy()).isEqualTo(inUse.accuracy());
            assertThat(report.devSet().after().intents()).containsOnlyKeys(inUse.scores().keySet());
            assertThat(report.reasons()).anyMatch(r -> r.matches("Development set accuracy 0\\.\\d{3} → 0\\.\\d{3} "
                    + "\\(not lower\\)"));
        }
        assertThat(report.reasons()).anyMatch(r -> r.startsWith("3-fold cross-validation accuracy"));
    }

    @Test
    void a_candidate_taught_wrong_labels_is_refused_with_the_figures_that_say_why() {
        ModelReport report = confused.report();

        assertThat(report.crossValidation().before()).isEqualTo(learnt.report().crossValidation().after());

        assertThat(report.activatable()).isFalse();
        // Measured 0.865 → 0.837: the relabelled lines contradict the ones they were copied from.
        assertThat(report.reasons()).anyMatch(r -> r.matches(
                "3-fold cross-validation accuracy 0\\.\\d{3} → 0\\.\\d{3} \\(more than 0\\.01 lower\\)"));
    }

    @Test
    void progress_counts_up_to_its_total_and_the_next_run_reuses_the_cross_validation_of_the_model_in_use() {
        int dev = devSet.isEmpty() ? 0 : 1;
        assertThat(learning.get(learning.size() - 1)).isEqualTo(new Step(devSet.isEmpty() ? "training"
                : "development-set", 2 * FOLDS + 1 + dev, 2 * FOLDS + 1 + dev));
        // The slang corpus's cross-validation was the first run's "after": only the new candidate's folds are trained.
        assertThat(confusing.get(confusing.size() - 1).total()).isEqualTo(FOLDS + 1 + dev);
        for (List<Step> run : List.of(learning, confusing)) {
            int total = run.get(0).total();
            assertThat(run).extracting(Step::done).containsExactlyElementsOf(IntStream.rangeClosed(0, total).boxed()
                    .toList());
            assertThat(run).allSatisfy(step -> assertThat(step.total()).isEqualTo(total));
            assertThat(run).extracting(Step::phase).containsSubsequence("cross-validation", "training");
        }
        assertThat(learning).filteredOn(step -> step.phase().equals("cross-validation")).hasSize(2 * FOLDS + 1);
    }

    @Test
    void the_json_report_has_the_shape_the_console_reads() throws Exception {
        JsonNode json = new ObjectMapper().readTree(learnt.report().json());

        assertThat(json.get("activatable").asBoolean()).isTrue();
        assertThat(json.get("reasons")).hasSize(learnt.report().reasons().size());
        assertThat(json.get("reasons").get(0).asText()).isEqualTo(learnt.report().reasons().get(0));
        assertThat(json.get("added").get("count").asInt()).isEqualTo(SLANG.size());
        assertThat(json.get("added").get("understood").asInt()).isEqualTo(SLANG.size());
        assertThat(json.get("crossValidation").get("folds").asInt()).isEqualTo(FOLDS);
        List<JsonNode> measured = new ArrayList<>(List.of(json.get("crossValidation")));
        if (devSet.isEmpty()) {
            assertThat(json.get("devSet").isNull()).isTrue();
        } else {
            assertThat(json.get("devSet").get("size").asInt()).isEqualTo(devSet.size());
            measured.add(json.get("devSet"));
        }
        for (JsonNode comparison : measured) {
            for (String side : List.of("before", "after")) {
                JsonNode figures = comparison.get(side);
                assertThat(figures.get("accuracy").asDouble()).isBetween(0.5, 1.0);
                JsonNode invoiceCopy = figures.get("intents").get("invoice_copy");
                assertThat(invoiceCopy.properties()).extracting(java.util.Map.Entry::getKey)
                        .containsExactly("precision", "recall", "f1", "support");
                assertThat(invoiceCopy.get("support").isInt()).isTrue();
            }
        }
    }
}
