package no.nora.intents;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.nora.intents.features.CharNgramFeatureGenerator;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.maxent.GISModel;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.EvalParameters;
import opennlp.tools.ml.model.UniformPrior;

/**
 * Scores a text against a doccat model exactly as OpenNLP's {@code DocumentCategorizerME} does (same features, same
 * order, same arithmetic: the same doubles), but looks each word's features up once and remembers them. OpenNLP
 * builds every feature as a new string (a dozen character n-grams a word) and hashes it into the model on every
 * message; most messages reuse the same few hundred words.
 *
 * <p>Only generators whose features of a word depend on that word alone are remembered per word; the others (word
 * pairs) are looked up per message as OpenNLP does. Thread-safe: the model is read-only and the memory concurrent.
 */
final class CachedCategorizer {
    /** Words remembered at most (about 10 MB); past that the memory starts afresh – the common words come back first. */
    private static final int MAX_WORDS = 50_000;

    private final FeatureGenerator[] generators;
    private final boolean[] perWord;
    private final Map<String, Context> features;
    private final Map<Context, Integer> indexOf = new IdentityHashMap<>();
    private final EvalParameters parameters;
    private final UniformPrior prior = new UniformPrior();
    private final String[] outcomeNames;
    private final int outcomes;
    private final Map<String, int[][]> words = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    CachedCategorizer(DoccatModel model) {
        if (!(model.getMaxentModel() instanceof GISModel gis)) {
            throw new IllegalArgumentException("Expected a maxent (GIS) model, got " + model.getMaxentModel().getClass());
        }
        Object[] data = ((AbstractModel) gis).getDataStructures();
        Context[] params = (Context[]) data[0];
        this.features = (Map<String, Context>) data[1];
        this.outcomeNames = (String[]) data[2];
        for (int i = 0; i < params.length; i++) {
            indexOf.put(params[i], i);
        }
        this.outcomes = outcomeNames.length;
        this.parameters = new EvalParameters(params, outcomes);
        // A model read from a file evaluates with a uniform prior (GISModel's own constructor).
        prior.setLabels(outcomeNames, null);
        this.generators = model.getFactory().getFeatureGenerators();
        this.perWord = new boolean[generators.length];
        for (int g = 0; g < generators.length; g++) {
            perWord[g] = generators[g] instanceof BagOfWordsFeatureGenerator
                    || generators[g] instanceof CharNgramFeatureGenerator;
        }
    }

    /** The model's outcomes (intents, languages) in the order {@link #categorize} scores them. */
    List<String> outcomes() {
        return List.of(outcomeNames);
    }

    /** The probability of each outcome (in the model's order) for these tokens. */
    double[] categorize(String[] tokens) {
        int[][][] byWord = new int[tokens.length][][];
        int count = 0;
        for (int t = 0; t < tokens.length; t++) {
            byWord[t] = wordFeatures(tokens[t]);
            for (int g = 0; g < generators.length; g++) {
                count += perWord[g] ? byWord[t][g].length : 0;
            }
        }
        int[][] other = new int[generators.length][];
        for (int g = 0; g < generators.length; g++) {
            if (!perWord[g]) {
                other[g] = indices(generators[g].extractFeatures(tokens, Map.of()));
                count += other[g].length;
            }
        }
        // Generator by generator, word by word: the order OpenNLP adds them up in.
        int[] context = new int[count];
        int at = 0;
        for (int g = 0; g < generators.length; g++) {
            if (perWord[g]) {
                for (int[][] word : byWord) {
                    System.arraycopy(word[g], 0, context, at, word[g].length);
                    at += word[g].length;
                }
            } else {
                System.arraycopy(other[g], 0, context, at, other[g].length);
                at += other[g].length;
            }
        }
        double[] scores = new double[outcomes];
        prior.logPrior(scores, (int[]) null);
        return GISModel.eval(context, scores, parameters);
    }

    private int[][] wordFeatures(String word) {
        int[][] known = words.get(word);
        if (known != null) {
            return known;
        }
        int[][] found = new int[generators.length][];
        String[] one = {word};
        for (int g = 0; g < generators.length; g++) {
            found[g] = perWord[g] ? indices(generators[g].extractFeatures(one, Map.of())) : new int[0];
        }
        if (words.size() >= MAX_WORDS) {
            words.clear();
        }
        words.put(word, found);
        return found;
    }

    /** The model's index of each feature it knows, in order; features it has never seen count for nothing. */
    private int[] indices(java.util.Collection<String> names) {
        List<Integer> known = new ArrayList<>(names.size());
        for (String name : names) {
            Context context = features.get(name);
            if (context != null) {
                known.add(indexOf.get(context));
            }
        }
        return known.stream().mapToInt(Integer::intValue).toArray();
    }
}
