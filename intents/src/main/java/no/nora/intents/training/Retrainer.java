package no.nora.intents.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import no.nora.intents.ConfidencePolicy;
import no.nora.intents.IntentClassifier;
import no.nora.intents.eval.Folds;
import no.nora.intents.eval.IntentEvaluation;
import no.nora.intents.eval.IntentReport;
import no.nora.intents.eval.Prediction;

/**
 * Retrains the intent model from the shipped corpus plus labelled examples, and measures the candidate against the
 * model in use (see {@link ModelReport} for the figures and the verdict). The language model is not retrained: the
 * labels say which intent a message asks for, not its language.
 *
 * <p>Blocking and CPU-heavy (a training per fold, a final one, each a few seconds): run it on a worker thread.
 * Thread-safe and meant to be kept: it remembers the cross-validation of the last few corpora it measured, so the
 * "after" of one run is the "before" of the next without training its folds again.
 */
public final class Retrainer {
    /** Corpora whose cross-validation is remembered (the model in use, and a few candidates that were not activated). */
    private static final int REMEMBERED = 8;
    /** Added examples are taken in one order whatever order the caller keeps them in: same input, same model. */
    private static final Comparator<LabelledExample> ORDER = Comparator.comparing(LabelledExample::intent)
            .thenComparing(LabelledExample::language).thenComparing(LabelledExample::text);
    private static final String CROSS_VALIDATION = "cross-validation";
    private static final String TRAINING = "training";
    private static final String DEVELOPMENT_SET = "development-set";

    private final List<LabelledExample> shipped;
    private final List<LabelledExample> devSet;
    private final List<List<LabelledExample>> shippedFolds;
    private final Map<List<LabelledExample>, ModelReport.Figures> crossValidations = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<LabelledExample>, ModelReport.Figures> eldest) {
                    return size() > REMEMBERED;
                }
            });

    /**
     * @param shipped the corpus the shipped model was trained on ({@link ShippedCorpus#read()})
     * @param devSet  the development set, only ever measured on, never trained on; empty when there is none
     * @param folds   of the cross-validation (the evaluation command uses 5)
     */
    public Retrainer(List<LabelledExample> shipped, List<LabelledExample> devSet, int folds) {
        this.shipped = List.copyOf(shipped);
        this.devSet = List.copyOf(devSet);
        this.shippedFolds = Folds.split(this.shipped, folds);
    }

    /**
     * Trains a candidate on the shipped corpus plus {@code added} and measures it against {@code before}.
     *
     * @param before      the classifier in use now
     * @param beforeAdded the examples it was trained with beyond the shipped corpus (empty for the shipped model)
     * @param added       the candidate's examples beyond the shipped corpus (the earlier ones included)
     * @param progress    told after every step; see {@link TrainingProgress}
     */
    public Candidate retrain(IntentClassifier before, List<LabelledExample> beforeAdded, List<LabelledExample> added,
                             TrainingProgress progress) {
        IntentClassifier inUse = before.withPolicy(ConfidencePolicy.SHIPPED);
        List<LabelledExample> beforeCorpus = inOrder(beforeAdded);
        List<LabelledExample> afterCorpus = inOrder(added);
        // Looked up once: what is remembered now decides the steps of this run.
        List<List<LabelledExample>> corpora = Stream.of(beforeCorpus, afterCorpus).distinct().toList();
        Map<List<LabelledExample>, ModelReport.Figures> measured = new HashMap<>();
        corpora.forEach(corpus -> Optional.ofNullable(crossValidations.get(corpus))
                .ifPresent(figures -> measured.put(corpus, figures)));
        int toMeasure = corpora.size() - measured.size();
        Steps steps = new Steps(progress, toMeasure == 0 ? TRAINING : CROSS_VALIDATION,
                toMeasure * shippedFolds.size() + 1 + (devSet.isEmpty() ? 0 : 1));
        ModelReport.Figures cvBefore = measured.computeIfAbsent(beforeCorpus, c -> crossValidation(inUse, c, steps));
        ModelReport.Figures cvAfter = measured.computeIfAbsent(afterCorpus, c -> crossValidation(inUse, c, steps));

        List<LabelledExample> training = new ArrayList<>(shipped);
        training.addAll(afterCorpus);
        byte[] model = ModelTrainer.serialize(ModelTrainer.trainIntents(training, FeatureSet.INTENTS));
        // Measured as it will be activated: read back from its bytes.
        IntentClassifier candidate = inUse.withIntentModel(model);
        long understood = IntentEvaluation.predict(candidate, afterCorpus).stream().filter(Prediction::intentRight)
                .count();
        steps.done(TRAINING);

        ModelReport.DevSet dev = null;
        if (!devSet.isEmpty()) {
            dev = new ModelReport.DevSet(devSet.size(),
                    ModelReport.Figures.of(new IntentReport(IntentEvaluation.predict(inUse, devSet))),
                    ModelReport.Figures.of(new IntentReport(IntentEvaluation.predict(candidate, devSet))));
            steps.done(DEVELOPMENT_SET);
        }
        ModelReport report = new ModelReport(new ModelReport.Added(afterCorpus.size(), (int) understood), dev,
                new ModelReport.CrossValidation(shippedFolds.size(), cvBefore, cvAfter));
        return new Candidate(model, report);
    }

    /** The shipped corpus plus {@code added}, on the shipped corpus's folds; remembered. */
    private ModelReport.Figures crossValidation(IntentClassifier inUse, List<LabelledExample> added, Steps steps) {
        List<Prediction> predictions = Folds.crossValidate(Folds.extend(shippedFolds, added), (train, test) -> {
            List<Prediction> fold = IntentEvaluation.predict(
                    inUse.withIntentModel(ModelTrainer.trainIntents(train, FeatureSet.INTENTS)), test);
            steps.done(CROSS_VALIDATION);
            return fold;
        });
        ModelReport.Figures figures = ModelReport.Figures.of(new IntentReport(predictions));
        crossValidations.put(added, figures);
        return figures;
    }

    private static List<LabelledExample> inOrder(List<LabelledExample> examples) {
        return examples.stream().sorted(ORDER).toList();
    }

    /** Counts the steps of one run for its progress; folds finish on several threads, the count goes up one by one. */
    private static final class Steps {
        private final TrainingProgress progress;
        private final int total;
        private int done;

        Steps(TrainingProgress progress, String firstPhase, int total) {
            this.progress = progress;
            this.total = total;
            progress.at(firstPhase, 0, total);
        }

        synchronized void done(String phase) {
            progress.at(phase, ++done, total);
        }
    }
}
