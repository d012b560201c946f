package no.nora.intents.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import no.nora.intents.Intent;
import no.nora.intents.training.LabelledExample;

/**
 * Stratified k-fold cross-validation with a fixed seed, so two runs print the same figures. The folds are trained
 * side by side, one per core: each is trained on one thread and is the same whichever finishes first.
 */
public final class Folds {
    private static final long SEED = 20_251_121L;

    private Folds() {
    }

    /**
     * Splits the corpus into {@code k} folds with every intent spread evenly, trains on k-1 and predicts the one left
     * out, for every fold. The predictions come back in fold order; {@code trainAndPredict} runs for several folds at
     * once, so it must not share what it changes.
     */
    public static List<Prediction> crossValidate(List<LabelledExample> corpus, int k,
            BiFunction<List<LabelledExample>, List<LabelledExample>, List<Prediction>> trainAndPredict) {
        return crossValidate(split(corpus, k), trainAndPredict);
    }

    /** The corpus in {@code k} folds, every intent spread evenly, shuffled with the fixed seed. */
    public static List<List<LabelledExample>> split(List<LabelledExample> corpus, int k) {
        if (k < 2) {
            throw new IllegalArgumentException("Cross-validation needs at least 2 folds, not " + k);
        }
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
        return folds.stream().map(List::copyOf).toList();
    }

    /**
     * The folds with {@code more} examples dealt out among them in the order given, each to the fold with the fewest
     * of its intent: the examples already in a fold stay there, so two corpora that share them are compared on the
     * same split.
     */
    public static List<List<LabelledExample>> extend(List<List<LabelledExample>> folds, List<LabelledExample> more) {
        List<List<LabelledExample>> extended = folds.stream().map(fold -> (List<LabelledExample>) new ArrayList<>(fold))
                .toList();
        int[][] perIntent = new int[folds.size()][Intent.values().length];
        for (int f = 0; f < folds.size(); f++) {
            for (LabelledExample e : folds.get(f)) {
                perIntent[f][e.intent().ordinal()]++;
            }
        }
        for (LabelledExample e : more) {
            int fewest = 0;
            for (int f = 1; f < folds.size(); f++) {
                if (perIntent[f][e.intent().ordinal()] < perIntent[fewest][e.intent().ordinal()]) {
                    fewest = f;
                }
            }
            perIntent[fewest][e.intent().ordinal()]++;
            extended.get(fewest).add(e);
        }
        return extended.stream().map(List::copyOf).toList();
    }

    /** Trains on all folds but one and predicts the one left out, for every fold, as {@link #crossValidate}. */
    public static List<Prediction> crossValidate(List<List<LabelledExample>> folds,
            BiFunction<List<LabelledExample>, List<LabelledExample>, List<Prediction>> trainAndPredict) {
        int k = folds.size();
        int threads = Math.min(k, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "fold");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<List<Prediction>>> perFold = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                List<LabelledExample> training = new ArrayList<>();
                for (int j = 0; j < k; j++) {
                    if (j != i) {
                        training.addAll(folds.get(j));
                    }
                }
                List<LabelledExample> test = folds.get(i);
                perFold.add(CompletableFuture.supplyAsync(() -> trainAndPredict.apply(training, test), pool));
            }
            List<Prediction> predictions = new ArrayList<>();
            perFold.forEach(fold -> predictions.addAll(fold.join()));
            return predictions;
        } finally {
            pool.shutdownNow();
        }
    }
}
