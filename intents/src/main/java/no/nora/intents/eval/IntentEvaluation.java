package no.nora.intents.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.nora.intents.ConfidencePolicy;
import no.nora.intents.IntentClassifier;
import no.nora.intents.LanguageGuess;
import no.nora.intents.TextNormaliser;
import no.nora.intents.Understanding;
import no.nora.intents.training.Corpus;
import no.nora.intents.training.FeatureSet;
import no.nora.intents.training.LabelledExample;
import no.nora.intents.training.ModelTrainer;
import no.nora.redact.Redactor;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.langdetect.LanguageDetectorFactory;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.langdetect.LanguageSample;
import opennlp.tools.util.CollectionObjectStream;

/**
 * The evaluation command: k-fold cross-validation on the corpus, then the shipped configuration trained on the whole
 * corpus and measured on a held-out file (by default the development set, which is never trained on). Prints
 * accuracy, per-intent precision/recall/F1 and the confusion matrix, and writes {@code intent_report.json} and
 * {@code intent_errors.json} (Rasa's names and shapes) for the held-out file, plus {@code cv_intent_report.json} and
 * {@code cv_intent_errors.json} for the cross-validation.
 *
 * <p>{@code --compare=true} also prints the measurements behind the shipped choices: feature sets, confidence
 * thresholds and language models.
 *
 * <p>Arguments: {@code --corpus=<dir> --heldout=<file> --out=<dir> [--folds=5] [--compare=true]}.
 */
public final class IntentEvaluation {
    private static final int CONFUSIONS_SHOWN = 10;

    private IntentEvaluation() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        List<LabelledExample> corpus = Corpus.read(Path.of(options.getOrDefault("corpus", "intents/corpus")));
        Path heldoutFile = Path.of(options.getOrDefault("heldout", "../shared/eval/nlu-dev.tsv"));
        Path out = Path.of(options.getOrDefault("out", "intents/target/eval"));
        int folds = Integer.parseInt(options.getOrDefault("folds", "5"));
        boolean compare = Boolean.parseBoolean(options.getOrDefault("compare", "false"));
        Files.createDirectories(out);
        List<LabelledExample> heldout = Files.exists(heldoutFile) ? Corpus.read(heldoutFile) : List.of();

        System.out.printf(Locale.ROOT, "Corpus: %d examples; held-out %s: %d examples%n", corpus.size(), heldoutFile,
                heldout.size());
        if (compare) {
            compareFeatures(corpus, heldout, folds);
            compareThresholds(corpus, heldout, folds);
            compareLanguageModels(corpus, heldout, folds);
        }

        long started = System.nanoTime();
        List<Prediction> cv = Folds.crossValidate(corpus, folds,
                (train, test) -> predict(train, test, FeatureSet.INTENTS, ConfidencePolicy.SHIPPED));
        IntentReport cvReport = new IntentReport(cv);
        System.out.printf(Locale.ROOT, "%n== %d-fold cross-validation on the corpus (%s, thresholds %s) – %.1f s%n",
                folds, FeatureSet.INTENTS, ConfidencePolicy.SHIPPED, (System.nanoTime() - started) / 1e9);
        System.out.print(cvReport.table());
        System.out.printf(Locale.ROOT, "language accuracy %.3f%n%nMost frequent confusions (true -> predicted):%n",
                cvReport.languageAccuracy());
        System.out.print(cvReport.confusionSummary(CONFUSIONS_SHOWN));
        write(out.resolve("cv_intent_report.json"), cvReport.json());
        write(out.resolve("cv_intent_errors.json"), cvReport.errorsJson());

        if (heldout.isEmpty()) {
            System.out.printf("%nNo held-out file at %s: only the cross-validation was run.%n", heldoutFile);
            return;
        }
        IntentReport report = new IntentReport(predict(corpus, heldout, FeatureSet.INTENTS,
                ConfidencePolicy.SHIPPED));
        System.out.printf(Locale.ROOT, "%n== Held-out %s (trained on the whole corpus)%n", heldoutFile.getFileName());
        System.out.print(report.table());
        System.out.printf(Locale.ROOT, "language accuracy %.3f%n%n", report.languageAccuracy());
        System.out.print(report.confusionMatrix());
        System.out.printf("%nMost frequent confusions (true -> predicted):%n");
        System.out.print(report.confusionSummary(CONFUSIONS_SHOWN));
        write(out.resolve("intent_report.json"), report.json());
        write(out.resolve("intent_errors.json"), report.errorsJson());
        System.out.printf(Locale.ROOT, "%nAccuracy %.3f, lowest recall %.3f. Reports in %s%n", report.accuracy(),
                report.minRecall(), out.toAbsolutePath().normalize());
    }

    /** Trains both models on {@code train} and classifies {@code test} as the gateway would. */
    public static List<Prediction> predict(List<LabelledExample> train, List<LabelledExample> test,
                                           FeatureSet features, ConfidencePolicy policy) {
        DoccatModel intents = ModelTrainer.trainIntents(train, features);
        DoccatModel languages = ModelTrainer.trainLanguages(train, FeatureSet.LANGUAGES);
        return predict(IntentClassifier.of(intents, languages, policy), test);
    }

    public static List<Prediction> predict(IntentClassifier classifier, List<LabelledExample> test) {
        List<Prediction> predictions = new ArrayList<>(test.size());
        for (LabelledExample e : test) {
            Understanding u = classifier.understand(Redactor.redact(e.text()));
            predictions.add(new Prediction(e, u.intent(), u.confidence(), u.language(), u.languageConfidence()));
        }
        return predictions;
    }

    private static void compareFeatures(List<LabelledExample> corpus, List<LabelledExample> heldout, int folds) {
        System.out.printf(Locale.ROOT, "%n== Feature sets (no thresholds): %d-fold accuracy | held-out accuracy, "
                + "lowest recall | training time%n", folds);
        for (FeatureSet features : FeatureSet.values()) {
            long started = System.nanoTime();
            IntentReport cv = new IntentReport(Folds.crossValidate(corpus, folds,
                    (train, test) -> predict(train, test, features, ConfidencePolicy.NONE)));
            double seconds = (System.nanoTime() - started) / 1e9 / folds;
            IntentReport dev = new IntentReport(predict(corpus, heldout, features, ConfidencePolicy.NONE));
            System.out.printf(Locale.ROOT, "%-26s %.3f | %.3f, %.3f | %.2f s%n", features, cv.accuracy(),
                    dev.accuracy(), dev.minRecall(), seconds);
        }
    }

    private static void compareThresholds(List<LabelledExample> corpus, List<LabelledExample> heldout, int folds) {
        System.out.printf(Locale.ROOT, "%n== Thresholds (%s): minConfidence/minMargin -> %d-fold accuracy, lowest "
                + "recall, acted on a wrong intent | held-out accuracy, lowest recall, wrong intent%n",
                FeatureSet.INTENTS, folds);
        // Rank once per fold, then apply every policy to the same rankings (folds run side by side).
        Map<ConfidencePolicy, List<Prediction>> cv = new ConcurrentHashMap<>();
        List<ConfidencePolicy> policies = new ArrayList<>();
        for (double confidence : new double[] {0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5}) {
            for (double margin : new double[] {0, 0.05, 0.1, 0.2}) {
                policies.add(new ConfidencePolicy(confidence, margin));
            }
        }
        Folds.crossValidate(corpus, folds, (train, test) -> {
            IntentClassifier classifier = IntentClassifier.of(ModelTrainer.trainIntents(train, FeatureSet.INTENTS),
                    ModelTrainer.trainLanguages(train, FeatureSet.LANGUAGES), ConfidencePolicy.NONE);
            for (ConfidencePolicy policy : policies) {
                cv.computeIfAbsent(policy, p -> Collections.synchronizedList(new ArrayList<>()))
                        .addAll(predict(classifier.withPolicy(policy), test));
            }
            return List.of();
        });
        IntentClassifier full = IntentClassifier.of(ModelTrainer.trainIntents(corpus, FeatureSet.INTENTS),
                ModelTrainer.trainLanguages(corpus, FeatureSet.LANGUAGES), ConfidencePolicy.NONE);
        for (ConfidencePolicy policy : policies) {
            IntentReport cvReport = new IntentReport(cv.get(policy));
            IntentReport dev = new IntentReport(predict(full.withPolicy(policy), heldout));
            System.out.printf(Locale.ROOT, "%.2f/%.2f -> %.3f, %.3f, %.3f | %.3f, %.3f, %.3f%n",
                    policy.minConfidence(), policy.minMargin(), cvReport.accuracy(), cvReport.minRecall(),
                    cvReport.wrongIntentRate(), dev.accuracy(), dev.minRecall(), dev.wrongIntentRate());
        }
    }

    private static void compareLanguageModels(List<LabelledExample> corpus, List<LabelledExample> heldout,
                                              int folds) {
        System.out.printf(Locale.ROOT, "%n== Language: %d-fold accuracy | held-out accuracy; share and accuracy of "
                + "guesses >= %.2f%n", folds, LanguageGuess.CONFIDENT);
        for (FeatureSet features : List.of(FeatureSet.WORDS, FeatureSet.WORDS_CHARS_3_5, FeatureSet.CHARS_3_5,
                FeatureSet.CHARS_1_4, FeatureSet.WORDS_CHARS_1_4)) {
            IntentClassifier classifier = IntentClassifier.of(ModelTrainer.trainIntents(corpus, FeatureSet.INTENTS),
                    ModelTrainer.trainLanguages(corpus, features), ConfidencePolicy.NONE);
            List<Prediction> dev = predict(classifier, heldout);
            double cv = new IntentReport(Folds.crossValidate(corpus, folds, (train, test) -> predict(
                    IntentClassifier.of(ModelTrainer.trainIntents(train, FeatureSet.WORDS),
                            ModelTrainer.trainLanguages(train, features), ConfidencePolicy.NONE), test)))
                    .languageAccuracy();
            long right = dev.stream().filter(Prediction::languageRight).count();
            List<Prediction> confident = dev.stream()
                    .filter(p -> p.languageConfidence() >= LanguageGuess.CONFIDENT).toList();
            long confidentRight = confident.stream().filter(Prediction::languageRight).count();
            System.out.printf(Locale.ROOT, "doccat %-22s %.3f | %.3f; confident %.3f of messages, %.3f right%n",
                    features, cv, right / (double) dev.size(), confident.size() / (double) dev.size(),
                    confident.isEmpty() ? 0 : confidentRight / (double) confident.size());
        }
        // OpenNLP's own language detector (character n-grams 1-3), trained on the same corpus.
        List<LanguageSample> samples = corpus.stream()
                .filter(e -> TextNormaliser.tokens(e.text()).length > 0)
                .map(e -> new LanguageSample(new opennlp.tools.langdetect.Language(e.language().code()),
                        TextNormaliser.normalise(e.text())))
                .toList();
        try {
            LanguageDetectorModel model = LanguageDetectorME.train(new CollectionObjectStream<>(samples),
                    ModelTrainer.parameters(), new LanguageDetectorFactory());
            LanguageDetectorME detector = new LanguageDetectorME(model);
            long right = heldout.stream().filter(e -> detector.predictLanguage(TextNormaliser.normalise(e.text()))
                    .getLang().equals(e.language().code())).count();
            System.out.printf(Locale.ROOT, "opennlp LanguageDetectorME, same corpus, held-out: %.3f%n",
                    right / (double) heldout.size());
        } catch (IOException e) {
            System.out.println("LanguageDetectorME could not be trained: " + e.getMessage());
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
