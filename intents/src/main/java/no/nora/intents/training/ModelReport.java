package no.nora.intents.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import no.nora.intents.Intent;
import no.nora.intents.eval.IntentReport;
import no.nora.intents.eval.Json;

/**
 * Before and after of one retraining, measured with the shipped confidence policy (below it the answer is
 * {@code out_of_scope}, as the bot sees it): accuracy and per-intent precision, recall, F1 and support on the
 * development set (absent without one) and in k-fold cross-validation on the same folds; how many of the added
 * examples the candidate understands.
 *
 * <p>The candidate is <b>activatable</b> – it does not make things worse – when all of these hold:
 * <ul>
 *   <li>its accuracy on the development set is not lower than the model's in use;</li>
 *   <li>no intent's recall on the development set drops by more than {@value #RECALL_TOLERANCE} (one message in ten);
 *   </li>
 *   <li>its cross-validation accuracy is at most {@value #CROSS_VALIDATION_TOLERANCE} below the corpus's in use
 *       (what the folds' noise moves it by).</li>
 * </ul>
 * Without a development set only the cross-validation rule applies. {@link #reasons()} says how each rule went, with
 * the figures.
 */
public record ModelReport(Added added, DevSet devSet, CrossValidation crossValidation) {
    public static final double RECALL_TOLERANCE = 0.1;
    public static final double CROSS_VALIDATION_TOLERANCE = 0.01;
    /** Figures that are equal up to floating-point rounding count as equal. */
    private static final double ROUNDING = 1e-9;

    /** The examples beyond the shipped corpus the candidate was trained with, and how many of them it understands. */
    public record Added(int count, int understood) {
    }

    /** Accuracy and each intent's precision, recall, F1 and support. */
    public record Figures(double accuracy, Map<Intent, IntentReport.Scores> intents) {
        public Figures {
            Map<Intent, IntentReport.Scores> inIntentOrder = new EnumMap<>(Intent.class);
            inIntentOrder.putAll(intents);
            intents = Collections.unmodifiableMap(inIntentOrder);
        }

        public static Figures of(IntentReport report) {
            return new Figures(report.accuracy(), report.scores());
        }

        double recall(Intent intent) {
            IntentReport.Scores scores = intents.get(intent);
            return scores == null ? 0 : scores.recall();
        }
    }

    /** The model in use and the candidate on the development set of {@code size} messages. */
    public record DevSet(int size, Figures before, Figures after) {
    }

    /** The corpus in use and the candidate's corpus, each in {@code folds}-fold cross-validation on the same split. */
    public record CrossValidation(int folds, Figures before, Figures after) {
    }

    /**
     * One rule of the verdict: whether it holds, and why, in words; and the same as data, for a console that says
     * it in its own language: the rule's name, the figures before and after, the intent where the rule is one
     * intent's (or null).
     */
    private record Check(boolean holds, String reason, String rule, double before, double after, String intent) {
        Check(boolean holds, String reason, String rule) {
            this(holds, reason, rule, Double.NaN, Double.NaN, null);
        }
    }

    public ModelReport {
        Objects.requireNonNull(added);
        Objects.requireNonNull(crossValidation);
    }

    /** The candidate does not make things worse (the rules are in the class comment). */
    public boolean activatable() {
        return checks().stream().allMatch(Check::holds);
    }

    /** Plain English, one line a rule: how it went, with the figures. */
    public List<String> reasons() {
        return checks().stream().map(Check::reason).toList();
    }

    private List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        if (devSet == null) {
            checks.add(new Check(true, "No development set: judged by cross-validation alone", "no-dev-set"));
        } else {
            double before = devSet.before().accuracy();
            double after = devSet.after().accuracy();
            boolean holds = after >= before - ROUNDING;
            checks.add(new Check(holds, String.format(Locale.ROOT, "Development set accuracy %.3f → %.3f (%s)", before,
                    after, holds ? "not lower" : "lower"), "dev-accuracy", before, after, null));
            List<Check> drops = new ArrayList<>();
            devSet.before().intents().forEach((intent, scores) -> {
                double recallAfter = devSet.after().recall(intent);
                if (scores.support() > 0 && recallAfter < scores.recall() - RECALL_TOLERANCE - ROUNDING) {
                    drops.add(new Check(false, String.format(Locale.ROOT,
                            "Recall of %s on the development set %.3f → %.3f (drops by more than %.1f)",
                            intent.label(), scores.recall(), recallAfter, RECALL_TOLERANCE), "dev-recall-drop",
                            scores.recall(), recallAfter, intent.label()));
                }
            });
            checks.addAll(drops.isEmpty() ? List.of(new Check(true, String.format(Locale.ROOT,
                    "No intent's recall on the development set drops by more than %.1f", RECALL_TOLERANCE),
                    "dev-recall")) : drops);
        }
        double before = crossValidation.before().accuracy();
        double after = crossValidation.after().accuracy();
        boolean holds = after >= before - CROSS_VALIDATION_TOLERANCE - ROUNDING;
        checks.add(new Check(holds, String.format(Locale.ROOT, "%d-fold cross-validation accuracy %.3f → %.3f (%s)",
                crossValidation.folds(), before, after,
                (holds ? "not more than %.2f lower" : "more than %.2f lower").formatted(CROSS_VALIDATION_TOLERANCE)),
                "cv-accuracy", before, after, null));
        return checks;
    }

    /** The whole report as one JSON object: the verdict, its reasons, the added examples and both measurements. */
    public String json() {
        Json json = new Json().open('{');
        json.key("activatable").bool(activatable());
        json.key("reasons").open('[');
        reasons().forEach(json::string);
        json.close(']');
        json.key("checks").open('[');
        checks().forEach(c -> {
            json.open('{').key("rule").string(c.rule()).key("holds").bool(c.holds());
            if (!Double.isNaN(c.before())) {
                json.key("before").number(c.before()).key("after").number(c.after());
            }
            if (c.intent() != null) {
                json.key("intent").string(c.intent());
            }
            json.close('}');
        });
        json.close(']');
        json.key("tolerances").open('{').key("recall").number(RECALL_TOLERANCE).key("crossValidation")
                .number(CROSS_VALIDATION_TOLERANCE).close('}');
        json.key("added").open('{').key("count").number(added.count()).key("understood").number(added.understood())
                .close('}');
        json.key("devSet");
        if (devSet == null) {
            json.nullValue();
        } else {
            json.open('{').key("size").number(devSet.size());
            beforeAndAfter(json, devSet.before(), devSet.after()).close('}');
        }
        json.key("crossValidation").open('{').key("folds").number(crossValidation.folds());
        beforeAndAfter(json, crossValidation.before(), crossValidation.after()).close('}');
        return json.close('}').toString();
    }

    private static Json beforeAndAfter(Json json, Figures before, Figures after) {
        figures(json.key("before"), before);
        return figures(json.key("after"), after);
    }

    private static Json figures(Json json, Figures figures) {
        json.open('{').key("accuracy").number(figures.accuracy()).key("intents").open('{');
        figures.intents().forEach((intent, s) -> json.key(intent.label()).open('{')
                .key("precision").number(s.precision()).key("recall").number(s.recall()).key("f1").number(s.f1())
                .key("support").number(s.support()).close('}'));
        return json.close('}').close('}');
    }
}
