package no.nora.intents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import no.nora.intents.training.ModelTrainer;
import no.nora.redact.Redactor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The model shipped in the jar, loaded from the classpath as the gateway loads it. */
class IntentClassifierTest {
    private static IntentClassifier classifier;

    @BeforeAll
    static void load() {
        classifier = IntentClassifier.load();
    }

    private static Understanding understand(String text) {
        return classifier.understand(Redactor.redact(text), LocalDate.of(2025, 11, 19));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "KOPI | invoice_copy",
        "BETALT | payment_received",
        "AVDRAG | instalment_request",
        "JA | affirm",
        "nei | deny",
        "kan jeg faa en kopi av fakturaen | invoice_copy",
        "Jeg har betalt 1500 kr den 15.12, har dere mottatt det? | payment_received",
        "kan jeg betale 500 kr i måneden over 6 mnd | instalment_request",
        "Can I get more time to pay until next friday? | deferral_request",
        "hvor mye skylder jeg | balance_inquiry",
        "snakke med et menneske | human_handoff",
        "hva er telefonnummeret deres | contact_info",
        "er denne sms-en ekte eller svindel? | fraud_check",
        "har mistet jobben og har ingen penger | hardship",
        "hei | greeting",
        "tusen takk for hjelpen | goodbye",
        "hvem vant fotballkampen i går | out_of_scope",
    })
    void typical_messages(String text, String intent) {
        assertThat(understand(text).intent().label()).isEqualTo(intent);
    }

    @Test
    void understanding_carries_the_redacted_text_ranking_entities_and_language() {
        Understanding u = understand("Jeg har betalt faktura 12345678 på 1500 kr i går");
        assertThat(u.text()).contains(Redactor.PLACEHOLDER).doesNotContain("12345678");
        assertThat(u.intent()).isEqualTo(Intent.PAYMENT_RECEIVED);
        assertThat(u.ranking()).hasSize(Intent.values().length);
        assertThat(u.ranking().get(0).intent()).isEqualTo(Intent.PAYMENT_RECEIVED);
        assertThat(u.ranking().stream().mapToDouble(RankedIntent::confidence).sum()).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(u.confidence()).isEqualTo(u.ranking().get(0).confidence());
        assertThat(u.entity(EntityExtractor.AMOUNT)).isPresent();
        assertThat(u.entity(EntityExtractor.DATE).orElseThrow().value()).isEqualTo("2025-11-18");
        assertThat(u.language()).isEqualTo(Language.NB);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Kan jeg få en kopi av fakturaen? | nb",
        "Kan eg få ein kopi av fakturaen? | nn",
        "Eg har ikkje pengar til å betale no | nn",
        "Can I get a copy of the invoice? | en",
        "I have already paid this | en",
        "jeg har allerede betalt dette | nb",
    })
    void language_per_message(String text, String language) {
        Understanding u = understand(text);
        assertThat(u.language().code()).isEqualTo(language);
        assertThat(u.languageGuess().confident()).isTrue();
    }

    @Test
    void a_short_reply_still_gets_a_language_but_not_a_confident_one() {
        Understanding u = understand("ok");
        assertThat(u.language()).isNotNull();
        assertThat(u.languageGuess().confident()).isFalse();
        assertThat(u.languageGuess().orElse(Language.EN)).isEqualTo(Language.EN);
    }

    @Test
    void below_the_thresholds_the_answer_is_out_of_scope_and_the_ranking_stays() {
        RankedIntent best = classifier.rank(Redactor.redact("fisk")).get(0);
        IntentClassifier strict = classifier.withPolicy(new ConfidencePolicy(Math.min(1, best.confidence() + 0.01), 0));
        Understanding u = strict.understand(Redactor.redact("fisk"));
        assertThat(u.intent()).isEqualTo(Intent.OUT_OF_SCOPE);
        assertThat(u.ranking().get(0)).isEqualTo(best);

        IntentClassifier lenient = classifier.withPolicy(ConfidencePolicy.NONE);
        assertThat(lenient.understand(Redactor.redact("fisk")).intent()).isEqualTo(best.intent());
    }

    @Test
    void thresholds_refuse_a_weak_or_a_close_call() {
        ConfidencePolicy policy = new ConfidencePolicy(0.25, 0.05);
        assertThat(policy.accepts(0.9, 0.05)).isTrue();
        assertThat(policy.accepts(0.2, 0.1)).isFalse();
        assertThat(policy.accepts(0.40, 0.37)).isFalse();
    }

    @Test
    void an_empty_message_is_out_of_scope() {
        Understanding u = understand(" ... ");
        assertThat(u.intent()).isEqualTo(Intent.OUT_OF_SCOPE);
        assertThat(u.languageGuess().confident()).isFalse();
    }

    @Test
    void parallel_calls_give_the_same_answers_as_serial_ones() throws Exception {
        List<String> texts = List.of("kopi", "betalt", "avdrag takk", "hvor mye skylder jeg", "er dette svindel?",
                "I lost my job", "hei", "takk", "ja", "nei", "kan jeg betale neste måned", "ring meg");
        List<Understanding> serial = texts.stream().map(IntentClassifierTest::understand).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Understanding>> parallel = IntStream.range(0, 2_000)
                    .mapToObj(i -> pool.submit(() -> understand(texts.get(i % texts.size()))))
                    .toList();
            for (int i = 0; i < parallel.size(); i++) {
                assertThat(parallel.get(i).get()).isEqualTo(serial.get(i % texts.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void an_intent_model_from_bytes_answers_as_the_shipped_one_with_the_same_language_model_and_thresholds()
            throws Exception {
        IntentClassifier strict = classifier.withPolicy(new ConfidencePolicy(0.6, 0.1));

        IntentClassifier fromBytes = strict.withIntentModel(modelBytes(ModelTrainer.INTENT_MODEL));

        assertThat(fromBytes.policy()).isEqualTo(strict.policy());
        for (String text : List.of("kopi", "Kan eg få ein kopi av fakturaen?", "fisk", "I lost my job")) {
            assertThat(fromBytes.understand(Redactor.redact(text), LocalDate.of(2025, 11, 19)))
                    .isEqualTo(strict.understand(Redactor.redact(text), LocalDate.of(2025, 11, 19)));
        }
    }

    @Test
    void bytes_that_are_not_an_intent_model_are_refused() throws Exception {
        byte[] languageModel = modelBytes(ModelTrainer.LANGUAGE_MODEL);

        assertThatIllegalArgumentException().isThrownBy(() -> classifier.withIntentModel(new byte[0]));
        assertThatIllegalArgumentException().isThrownBy(() -> classifier.withIntentModel("not a model".getBytes()));
        assertThatIllegalArgumentException().isThrownBy(() -> classifier.withIntentModel(languageModel))
                .withMessageContaining("unknown intent");
    }

    private static byte[] modelBytes(String name) throws Exception {
        try (InputStream in = IntentClassifier.class.getResourceAsStream(ModelTrainer.MODEL_RESOURCE_DIR + name)) {
            return in.readAllBytes();
        }
    }
}
