package no.nora.intents.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Character n-grams of each word, with word boundaries ({@code <betalt>} gives {@code <be}, {@code bet}, …). They
 * let misspellings and inflections ({@code betallt}, {@code fakturan}, {@code avdragene}) share evidence with the
 * words the corpus has. Sizes 3 to 5 were chosen by measurement (see the evaluation command).
 *
 * <p>Public, top level and with a no-argument constructor: OpenNLP saves only the class name in the model and
 * instantiates it again on load (from an allowed package, see {@link FeaturePackage}).
 */
public class CharNgramFeatureGenerator implements FeatureGenerator {
    private final int min;
    private final int max;

    public CharNgramFeatureGenerator() {
        this(3, 5);
    }

    /** Other sizes, for measurement only: a saved model always reloads with the no-argument sizes. */
    public CharNgramFeatureGenerator(int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("need 1 <= min <= max");
        }
        this.min = min;
        this.max = max;
    }

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        List<String> features = new ArrayList<>(tokens.length * 12);
        for (String token : tokens) {
            String word = "<" + token + ">";
            if (word.length() <= min) {
                features.add("c=" + word);
                continue;
            }
            for (int n = min; n <= max; n++) {
                for (int i = 0; i + n <= word.length(); i++) {
                    features.add("c=" + word.substring(i, i + n));
                }
            }
        }
        return features;
    }
}
