package no.nora.intents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import no.nora.intents.features.FeaturePackage;
import no.nora.intents.training.Corpus;
import no.nora.intents.training.LabelledExample;
import no.nora.intents.training.ModelTrainer;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The remembered features change nothing: the same probabilities as OpenNLP's own categorizer, to the last bit. */
class CachedCategorizerTest {

    @ParameterizedTest
    @ValueSource(strings = {ModelTrainer.INTENT_MODEL, ModelTrainer.LANGUAGE_MODEL})
    void scoresEveryTextExactlyAsOpenNlpDoes(String modelName) throws IOException {
        var model = shipped(modelName);
        var openNlp = new DocumentCategorizerME(model);
        var cached = new CachedCategorizer(model);
        var texts = texts();
        assertThat(texts).hasSizeGreaterThan(500);

        assertThat(cached.outcomes()).containsExactly(
                java.util.stream.IntStream.range(0, openNlp.getNumberOfCategories()).mapToObj(openNlp::getCategory)
                        .toArray(String[]::new));
        for (int round = 0; round < 2; round++) { // first looked up, then remembered
            for (String text : texts) {
                String[] tokens = TextNormaliser.tokens(text);
                assertThat(cached.categorize(tokens)).as(text).containsExactly(openNlp.categorize(tokens));
            }
        }
    }

    /** The training corpus, the development set when present, and words no model has seen. */
    private static List<String> texts() {
        var texts = new ArrayList<String>();
        Corpus.read(Path.of("corpus")).stream().map(LabelledExample::text).forEach(texts::add);
        Path dev = Path.of(System.getProperty("nora.shared.dir", "../shared"), "eval", "nlu-dev.tsv");
        if (Files.isRegularFile(dev)) {
            Corpus.read(dev).stream().map(LabelledExample::text).forEach(texts::add);
        }
        Stream.of("x", "zzqx wvvb", "betal betal betal betal", "fakturaaaaaaaaaaaa?!", "æøå ÆØÅ", "ok ok", "kopi kopi")
                .forEach(texts::add);
        return texts;
    }

    private static DoccatModel shipped(String name) throws IOException {
        FeaturePackage.allow();
        try (InputStream in = CachedCategorizerTest.class.getResourceAsStream(ModelTrainer.MODEL_RESOURCE_DIR + name)) {
            return new DoccatModel(in);
        }
    }
}
