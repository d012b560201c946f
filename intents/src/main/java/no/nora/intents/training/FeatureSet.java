package no.nora.intents.training;

import java.util.function.Supplier;
import no.nora.intents.features.CharNgramFeatureGenerator;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.doccat.NGramFeatureGenerator;
import opennlp.tools.util.InvalidFormatException;

/**
 * The feature combinations the evaluation command compares. {@link #INTENTS} and {@link #LANGUAGES} are the ones
 * shipped; only generators with their no-argument settings may be shipped, because that is how a model reloads.
 */
public enum FeatureSet {
    WORDS(() -> new FeatureGenerator[] {new BagOfWordsFeatureGenerator()}, true),
    WORDS_BIGRAMS(() -> new FeatureGenerator[] {new BagOfWordsFeatureGenerator(), bigrams()}, true),
    WORDS_CHARS_3_5(() -> new FeatureGenerator[] {new BagOfWordsFeatureGenerator(), new CharNgramFeatureGenerator()},
            true),
    WORDS_BIGRAMS_CHARS_3_5(() -> new FeatureGenerator[] {new BagOfWordsFeatureGenerator(), bigrams(),
        new CharNgramFeatureGenerator()}, true),
    WORDS_BIGRAMS_CHARS_3_4(() -> new FeatureGenerator[] {new BagOfWordsFeatureGenerator(), bigrams(),
        new CharNgramFeatureGenerator(3, 4)}, false),
    WORDS_BIGRAMS_CHARS_2_4(() -> new FeatureGenerator[] {new BagOfWordsFeatureGenerator(), bigrams(),
        new CharNgramFeatureGenerator(2, 4)}, false),
    WORDS_BIGRAMS_CHARS_3_6(() -> new FeatureGenerator[] {new BagOfWordsFeatureGenerator(), bigrams(),
        new CharNgramFeatureGenerator(3, 6)}, false),
    CHARS_3_5(() -> new FeatureGenerator[] {new CharNgramFeatureGenerator()}, true),
    CHARS_1_4(() -> new FeatureGenerator[] {new CharNgramFeatureGenerator(1, 4)}, false),
    WORDS_CHARS_1_4(() -> new FeatureGenerator[] {new BagOfWordsFeatureGenerator(),
        new CharNgramFeatureGenerator(1, 4)}, false);

    /** What the intent model ships with (chosen by the evaluation command's comparison). */
    public static final FeatureSet INTENTS = WORDS_BIGRAMS_CHARS_3_5;
    /** What the language model ships with. */
    public static final FeatureSet LANGUAGES = WORDS_CHARS_3_5;

    private final Supplier<FeatureGenerator[]> generators;
    private final boolean reloadable;

    FeatureSet(Supplier<FeatureGenerator[]> generators, boolean reloadable) {
        this.generators = generators;
        this.reloadable = reloadable;
    }

    public FeatureGenerator[] generators() {
        return generators.get();
    }

    /** True when a saved model reloads with exactly these settings. */
    public boolean reloadable() {
        return reloadable;
    }

    private static FeatureGenerator bigrams() {
        try {
            return new NGramFeatureGenerator(); // 2..2: its no-argument settings, so it survives reloading
        } catch (InvalidFormatException e) {
            throw new IllegalStateException(e);
        }
    }
}
