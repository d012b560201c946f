package no.nora.intents.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiFunction;
import no.nora.intents.Intent;
import no.nora.intents.training.LabelledExample;

/** Stratified k-fold cross-validation with a fixed seed, so two runs print the same figures. */
public final class Folds {
    private static final long SEED = 20_251_121L;

    private Folds() {
    }

    /**
     * Splits the corpus into {@code k} folds with every intent spread evenly, trains on k-1 and predicts the one left
     * out, for each fold in turn.
     */
    public static List<Prediction> crossValidate(List<LabelledExample> corpus, int k,
            BiFunction<List<LabelledExample>, List<LabelledExample>, List<Prediction>> trainAndPredict) {
        List<List<LabelledExample>> folds = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            folds.add(new ArrayList<>());
        }
        Map<Intent, List<LabelledExample>> byIntent = new TreeMap<>();
        corpus.forEach(e -> byIntent.computeIfAbsent(e.intent(), x -> new ArrayList<>()).add(e));
        Random random = new Random(SEED);
        int next = 0;
        for (List<LabelledExample> examples : byIntent.values()) {
            List<LabelledExample> shuffled = new ArrayList<>(examples);
            Collections.shuffle(shuffled, random);
            for (LabelledExample e : shuffled) {
                folds.get(next++ % k).add(e);
            }
        }
        List<Prediction> predictions = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            List<LabelledExample> training = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                if (j != i) {
                    training.addAll(folds.get(j));
                }
            }
            predictions.addAll(trainAndPredict.apply(training, folds.get(i)));
        }
        return predictions;
    }
}
