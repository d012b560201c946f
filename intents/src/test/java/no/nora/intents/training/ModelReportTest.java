package no.nora.intents.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumMap;
import java.util.Map;
import no.nora.intents.Intent;
import no.nora.intents.eval.IntentReport;
import org.junit.jupiter.api.Test;

/** The verdict's rules, on figures made up for each rule (the real measurements are in RetrainerTest). */
class ModelReportTest {
    private static final ModelReport.Added ADDED = new ModelReport.Added(4, 4);
    private static final ModelReport.CrossValidation SAME_CROSS_VALIDATION = crossValidation(0.885, 0.885);

    /** A development set of 150 messages: ten an intent, all right but {@code invoiceCopyMissed} invoice requests. */
    private static ModelReport.Figures dev(int invoiceCopyMissed, int othersMissed) {
        Map<Intent, IntentReport.Scores> intents = new EnumMap<>(Intent.class);
        for (Intent intent : Intent.values()) {
            double recall = intent == Intent.INVOICE_COPY ? (10 - invoiceCopyMissed) / 10.0 : 1;
            intents.put(intent, new IntentReport.Scores(1, recall, 2 * recall / (1 + recall), 10, Map.of()));
        }
        return new ModelReport.Figures((150 - invoiceCopyMissed - othersMissed) / 150.0, intents);
    }

    private static ModelReport.CrossValidation crossValidation(double before, double after) {
        return new ModelReport.CrossValidation(5, new ModelReport.Figures(before, Map.of()),
                new ModelReport.Figures(after, Map.of()));
    }

    @Test
    void a_candidate_as_good_on_the_development_set_and_in_cross_validation_may_be_activated() {
        ModelReport report = new ModelReport(ADDED, new ModelReport.DevSet(150, dev(0, 3), dev(1, 2)),
                crossValidation(0.885, 0.876));

        assertThat(report.activatable()).isTrue();
        assertThat(report.reasons()).containsExactly("Development set accuracy 0.980 → 0.980 (not lower)",
                "No intent's recall on the development set drops by more than 0.1",
                "5-fold cross-validation accuracy 0.885 → 0.876 (not more than 0.01 lower)");
    }

    @Test
    void one_message_fewer_right_on_the_development_set_is_worse() {
        ModelReport report = new ModelReport(ADDED, new ModelReport.DevSet(150, dev(0, 3), dev(0, 4)),
                SAME_CROSS_VALIDATION);

        assertThat(report.activatable()).isFalse();
        assertThat(report.reasons()).contains("Development set accuracy 0.980 → 0.973 (lower)");
    }

    @Test
    void an_intent_losing_two_messages_in_ten_is_worse_even_when_the_accuracy_holds() {
        ModelReport report = new ModelReport(ADDED, new ModelReport.DevSet(150, dev(0, 3), dev(2, 1)),
                SAME_CROSS_VALIDATION);

        assertThat(report.activatable()).isFalse();
        assertThat(report.reasons()).contains("Development set accuracy 0.980 → 0.980 (not lower)",
                "Recall of invoice_copy on the development set 1.000 → 0.800 (drops by more than 0.1)");
    }

    @Test
    void the_json_says_each_rule_as_data_too_so_a_console_can_say_it_in_norwegian() throws Exception {
        ModelReport report = new ModelReport(ADDED, new ModelReport.DevSet(150, dev(0, 3), dev(2, 1)),
                SAME_CROSS_VALIDATION);

        JsonNode checks = new ObjectMapper().readTree(report.json()).get("checks");

        assertThat(checks).hasSize(report.reasons().size());
        assertThat(checks.get(0).get("rule").asText()).isEqualTo("dev-accuracy");
        assertThat(checks.get(0).get("holds").asBoolean()).isTrue();
        JsonNode drop = checks.get(1);
        assertThat(drop.get("rule").asText()).isEqualTo("dev-recall-drop");
        assertThat(drop.get("holds").asBoolean()).isFalse();
        assertThat(drop.get("intent").asText()).isEqualTo("invoice_copy");
        assertThat(drop.get("before").asDouble()).isEqualTo(1.0);
        assertThat(drop.get("after").asDouble()).isEqualTo(0.8);
        assertThat(checks.get(2).get("rule").asText()).isEqualTo("cv-accuracy");
        assertThat(new ObjectMapper().readTree(report.json()).get("tolerances").get("recall").asDouble())
                .isEqualTo(ModelReport.RECALL_TOLERANCE);
    }

    @Test
    void cross_validation_more_than_a_point_lower_is_worse_and_without_a_development_set_it_alone_decides()
            throws Exception {
        ModelReport report = new ModelReport(ADDED, null, crossValidation(0.885, 0.874));

        assertThat(report.activatable()).isFalse();
        assertThat(report.reasons()).containsExactly("No development set: judged by cross-validation alone",
                "5-fold cross-validation accuracy 0.885 → 0.874 (more than 0.01 lower)");
        JsonNode json = new ObjectMapper().readTree(report.json());
        assertThat(json.get("activatable").asBoolean()).isFalse();
        assertThat(json.get("devSet").isNull()).isTrue();
        assertThat(json.get("crossValidation").get("after").get("accuracy").asDouble()).isEqualTo(0.874);
    }
}
