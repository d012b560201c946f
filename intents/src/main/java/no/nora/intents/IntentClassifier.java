package no.nora.intents;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import no.nora.intents.features.FeaturePackage;
import no.nora.intents.training.ModelTrainer;
import no.nora.redact.RedactedText;
import opennlp.tools.doccat.DoccatModel;

/**
 * Classifies a redacted message into an {@link Intent}, with its language and the entities the dialogue needs.
 * Thread-safe: the models are shared and read-only.
 */
public final class IntentClassifier {
    /** Relative dates ("i morgen", "next friday") are read in the company's time zone. */
    public static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private final ConfidencePolicy policy;
    private final Clock clock;
    private final EntityExtractor entities = new EntityExtractor();
    private final CachedCategorizer intentCategorizer;
    private final CachedCategorizer languageCategorizer;
    /** The model's outcome index to the intent or language, resolved once instead of on every message. */
    private final Intent[] intentOfOutcome;
    private final Language[] languageOfOutcome;

    private IntentClassifier(CachedCategorizer intentCategorizer, CachedCategorizer languageCategorizer,
                             ConfidencePolicy policy, Clock clock) {
        this.intentCategorizer = intentCategorizer;
        this.languageCategorizer = languageCategorizer;
        this.policy = Objects.requireNonNull(policy);
        this.clock = Objects.requireNonNull(clock);
        this.intentOfOutcome = intentCategorizer.outcomes().stream().map(label -> Intent.fromLabel(label)
                .orElseThrow(() -> new IllegalArgumentException("The model knows an unknown intent " + label)))
                .toArray(Intent[]::new);
        this.languageOfOutcome = languageCategorizer.outcomes().stream().map(code -> Language.fromCode(code)
                .orElseThrow(() -> new IllegalArgumentException("The model knows an unknown language " + code)))
                .toArray(Language[]::new);
    }

    /** Loads the models shipped in the jar (trained at build time). Blocking: call it from a worker thread. */
    public static IntentClassifier load() {
        FeaturePackage.allow();
        return of(readModel(ModelTrainer.INTENT_MODEL), readModel(ModelTrainer.LANGUAGE_MODEL), ConfidencePolicy.SHIPPED);
    }

    /** A classifier over models trained in memory, for evaluation and tests. */
    public static IntentClassifier of(DoccatModel intentModel, DoccatModel languageModel, ConfidencePolicy policy) {
        return new IntentClassifier(new CachedCategorizer(intentModel), new CachedCategorizer(languageModel), policy,
                Clock.system(OSLO));
    }

    /** The same models (and the words they remember) with other thresholds. */
    public IntentClassifier withPolicy(ConfidencePolicy otherPolicy) {
        return new IntentClassifier(intentCategorizer, languageCategorizer, otherPolicy, clock);
    }

    /**
     * The same language model and thresholds with another intent model: a retrained one, as
     * {@code DoccatModel.serialize} wrote it. Blocking (parses the model): call it from a worker thread.
     *
     * @throws IllegalArgumentException when the bytes are not an intent model
     */
    public IntentClassifier withIntentModel(byte[] intentModel) {
        FeaturePackage.allow();
        DoccatModel model;
        try {
            model = new DoccatModel(new ByteArrayInputStream(intentModel));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Not an intent model: " + e.getMessage(), e);
        }
        return withIntentModel(model);
    }

    /** As {@link #withIntentModel(byte[])}, with a model trained in memory. */
    public IntentClassifier withIntentModel(DoccatModel intentModel) {
        return new IntentClassifier(new CachedCategorizer(intentModel), languageCategorizer, policy, clock);
    }

    public ConfidencePolicy policy() {
        return policy;
    }

    public Understanding understand(RedactedText message) {
        return understand(message, LocalDate.now(clock));
    }

    /** As {@link #understand(RedactedText)}, reading relative dates against {@code today}. */
    public Understanding understand(RedactedText message, LocalDate today) {
        String text = message.text();
        String[] tokens = TextNormaliser.tokens(text);
        List<Entity> found = entities.extract(text, today);
        if (tokens.length == 0) {
            return new Understanding(text, Intent.OUT_OF_SCOPE, 1.0,
                    List.of(new RankedIntent(Intent.OUT_OF_SCOPE, 1.0)), found, Language.NB, 0.0);
        }
        List<RankedIntent> ranking = rank(tokens);
        RankedIntent best = ranking.get(0);
        double runnerUp = ranking.size() > 1 ? ranking.get(1).confidence() : 0.0;
        LanguageGuess language = guessLanguage(tokens);
        if (policy.accepts(best.confidence(), runnerUp)) {
            return new Understanding(text, best.intent(), best.confidence(), ranking, found, language.language(),
                    language.confidence());
        }
        // Like Rasa's fallback: the intent is out_of_scope at the threshold; the ranking keeps the model's view.
        return new Understanding(text, Intent.OUT_OF_SCOPE, policy.minConfidence(), ranking, found,
                language.language(), language.confidence());
    }

    /** The intents by the model's probability, best first, before any threshold. */
    public List<RankedIntent> rank(RedactedText message) {
        String[] tokens = TextNormaliser.tokens(message.text());
        return tokens.length == 0 ? List.of(new RankedIntent(Intent.OUT_OF_SCOPE, 1.0)) : rank(tokens);
    }

    public LanguageGuess guessLanguage(RedactedText message) {
        String[] tokens = TextNormaliser.tokens(message.text());
        return tokens.length == 0 ? new LanguageGuess(Language.NB, 0.0) : guessLanguage(tokens);
    }

    private List<RankedIntent> rank(String[] tokens) {
        double[] scores = intentCategorizer.categorize(tokens);
        List<RankedIntent> ranking = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            ranking.add(new RankedIntent(intentOfOutcome[i], scores[i]));
        }
        ranking.sort(Comparator.comparingDouble(RankedIntent::confidence).reversed()
                .thenComparing(RankedIntent::intent));
        return ranking;
    }

    private LanguageGuess guessLanguage(String[] tokens) {
        double[] scores = languageCategorizer.categorize(tokens);
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return new LanguageGuess(languageOfOutcome[best], scores[best]);
    }

    private static DoccatModel readModel(String name) {
        String resource = ModelTrainer.MODEL_RESOURCE_DIR + name;
        try (InputStream in = IntentClassifier.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No model at classpath:" + resource
                        + " – it is trained at build time (mvn process-classes in intents/)");
            }
            return new DoccatModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the model " + resource, e);
        }
    }
}
