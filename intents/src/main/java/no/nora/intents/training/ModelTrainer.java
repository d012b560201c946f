package no.nora.intents.training;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import no.nora.intents.TextNormaliser;
import no.nora.intents.features.FeaturePackage;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.ml.maxent.GISTrainer;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;

/**
 * Trains the intent and the language model from the corpus. Runs at build time ({@code process-classes}) and
 * writes the models into the classes directory, so they ship in the jar and start-up never trains.
 *
 * <p>{@code java no.nora.intents.training.ModelTrainer <corpus dir> <output dir>}
 */
public final class ModelTrainer {
    public static final String INTENT_MODEL = "intents.bin";
    public static final String LANGUAGE_MODEL = "languages.bin";
    /** Classpath folder of both models. */
    public static final String MODEL_RESOURCE_DIR = "/no/nora/intents/model/";

    private ModelTrainer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ModelTrainer <corpus dir> <output dir>");
        }
        List<LabelledExample> corpus = Corpus.read(Path.of(args[0]));
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        save(trainIntents(corpus, FeatureSet.INTENTS), out.resolve(INTENT_MODEL));
        save(trainLanguages(corpus, FeatureSet.LANGUAGES), out.resolve(LANGUAGE_MODEL));
    }

    public static DoccatModel trainIntents(List<LabelledExample> examples, FeatureSet features) {
        return train(examples, e -> e.intent().label(), features);
    }

    public static DoccatModel trainLanguages(List<LabelledExample> examples, FeatureSet features) {
        return train(examples, e -> e.language().code(), features);
    }

    /**
     * Maximum entropy (GIS), cutoff 1 because most words occur only a few times in a corpus this size, one
     * thread so the result is the same on every machine.
     */
    public static TrainingParameters parameters() {
        TrainingParameters params = new TrainingParameters();
        params.put(TrainingParameters.ALGORITHM_PARAM, GISTrainer.MAXENT_VALUE);
        params.put(TrainingParameters.ITERATIONS_PARAM, 300);
        params.put(TrainingParameters.CUTOFF_PARAM, 1);
        params.put(TrainingParameters.THREADS_PARAM, 1);
        return params;
    }

    private static DoccatModel train(List<LabelledExample> examples, Function<LabelledExample, String> label,
                                     FeatureSet features) {
        FeaturePackage.allow();
        List<DocumentSample> samples = examples.stream()
                .map(e -> new DocumentSample(label.apply(e), TextNormaliser.tokens(e.text())))
                .filter(s -> s.getText().length > 0) // "...": nothing to learn from; understand() answers it directly
                .toList();
        try {
            return DocumentCategorizerME.train("nor", new CollectionObjectStream<>(samples), parameters(),
                    new DoccatFactory(features.generators()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model as OpenNLP writes it to a file: what the jar ships and what a retrained model is stored as. */
    public static byte[] serialize(DoccatModel model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            model.serialize(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void save(DoccatModel model, Path file) throws IOException {
        Files.write(file, serialize(model));
    }
}
