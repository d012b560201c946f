package no.nora.intents.eval;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.nora.intents.Intent;

/**
 * Accuracy, per-intent precision/recall/F1 and the confusion matrix of a set of predictions, printable as a table
 * and as JSON in the shape of Rasa's {@code intent_report.json}.
 */
public final class IntentReport {
    /** One intent's figures; {@code confusedWith} counts the wrong answers given for it, most frequent first. */
    public record Scores(double precision, double recall, double f1, int support, Map<Intent, Integer> confusedWith) {
    }

    private final List<Prediction> predictions;
    private final int[][] confusion = new int[Intent.values().length][Intent.values().length];
    private final Map<Intent, Scores> scores = new EnumMap<>(Intent.class);

    public IntentReport(List<Prediction> predictions) {
        this.predictions = List.copyOf(predictions);
        for (Prediction p : predictions) {
            confusion[p.example().intent().ordinal()][p.intent().ordinal()]++;
        }
        for (Intent intent : Intent.values()) {
            int i = intent.ordinal();
            int truePositives = confusion[i][i];
            int support = 0;
            int predicted = 0;
            for (int j = 0; j < confusion.length; j++) {
                support += confusion[i][j];
                predicted += confusion[j][i];
            }
            if (support == 0 && predicted == 0) {
                continue;
            }
            double precision = predicted == 0 ? 0 : (double) truePositives / predicted;
            double recall = support == 0 ? 0 : (double) truePositives / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            Map<Intent, Integer> confused = new LinkedHashMap<>();
            List<Intent> others = new ArrayList<>(List.of(Intent.values()));
            others.sort((a, b) -> Integer.compare(confusion[i][b.ordinal()], confusion[i][a.ordinal()]));
            for (Intent other : others) {
                if (other != intent && confusion[i][other.ordinal()] > 0) {
                    confused.put(other, confusion[i][other.ordinal()]);
                }
            }
            scores.put(intent, new Scores(precision, recall, f1, support, confused));
        }
    }

    public double accuracy() {
        return predictions.isEmpty() ? 0 : predictions.stream().filter(Prediction::intentRight).count()
                / (double) predictions.size();
    }

    public double languageAccuracy() {
        return predictions.isEmpty() ? 0 : predictions.stream().filter(Prediction::languageRight).count()
                / (double) predictions.size();
    }

    public Map<Intent, Scores> scores() {
        return scores;
    }

    /** The lowest recall of any intent that has examples. */
    public double minRecall() {
        return scores.values().stream().filter(s -> s.support() > 0).mapToDouble(Scores::recall).min().orElse(0);
    }

    /** The share of messages the dialogue would act on with the wrong intent (a fallback is not counted). */
    public double wrongIntentRate() {
        return predictions.isEmpty() ? 0 : predictions.stream()
                .filter(p -> !p.intentRight() && p.intent() != Intent.OUT_OF_SCOPE).count()
                / (double) predictions.size();
    }

    public List<Prediction> errors() {
        return predictions.stream().filter(p -> !p.intentRight()).toList();
    }

    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-20s %9s %9s %9s %8s%n", "intent", "precision", "recall", "f1",
                "support"));
        scores.forEach((intent, s) -> out.append(String.format(Locale.ROOT, "%-20s %9.3f %9.3f %9.3f %8d%n",
                intent.label(), s.precision(), s.recall(), s.f1(), s.support())));
        out.append(String.format(Locale.ROOT, "%-20s %9s %9s %9.3f %8d%n", "accuracy", "", "", accuracy(),
                predictions.size()));
        double[] macro = average(false);
        double[] weighted = average(true);
        out.append(String.format(Locale.ROOT, "%-20s %9.3f %9.3f %9.3f %8d%n", "macro avg", macro[0], macro[1],
                macro[2], predictions.size()));
        out.append(String.format(Locale.ROOT, "%-20s %9.3f %9.3f %9.3f %8d%n", "weighted avg", weighted[0],
                weighted[1], weighted[2], predictions.size()));
        return out.toString();
    }

    /** Rows are the true intents, columns what was predicted (abbreviated to their first letters). */
    public String confusionMatrix() {
        List<Intent> shown = new ArrayList<>(scores.keySet());
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-20s", "true \\ predicted"));
        for (Intent column : shown) {
            out.append(String.format(Locale.ROOT, " %4s", abbreviation(column)));
        }
        out.append('\n');
        for (Intent row : shown) {
            out.append(String.format(Locale.ROOT, "%-20s", row.label()));
            for (Intent column : shown) {
                int n = confusion[row.ordinal()][column.ordinal()];
                out.append(String.format(Locale.ROOT, " %4s", n == 0 ? "." : Integer.toString(n)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * The {@code n} most frequent confusions, one line each ("true -> predicted  count"), most frequent first:
     * where the corpus needs work, without reading a 15 × 15 matrix.
     */
    public String confusionSummary(int n) {
        record Pair(Intent actual, Intent predicted, int count) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (Intent actual : Intent.values()) {
            for (Intent predicted : Intent.values()) {
                int count = confusion[actual.ordinal()][predicted.ordinal()];
                if (actual != predicted && count > 0) {
                    pairs.add(new Pair(actual, predicted, count));
                }
            }
        }
        pairs.sort((a, b) -> Integer.compare(b.count(), a.count()));
        StringBuilder out = new StringBuilder();
        for (Pair p : pairs.subList(0, Math.min(n, pairs.size()))) {
            out.append(String.format(Locale.ROOT, "%-20s -> %-20s %4d%n", p.actual().label(), p.predicted().label(),
                    p.count()));
        }
        return out.toString();
    }

    private static String abbreviation(Intent intent) {
        String[] parts = intent.label().split("_");
        return parts.length == 1 ? parts[0].substring(0, Math.min(4, parts[0].length()))
                : parts[0].substring(0, 2) + parts[1].substring(0, 2);
    }

    /** {@code [precision, recall, f1]} averaged over intents, plain or weighted by support. */
    private double[] average(boolean weighted) {
        double[] sum = new double[3];
        double total = 0;
        for (Scores s : scores.values()) {
            double weight = weighted ? s.support() : 1;
            sum[0] += s.precision() * weight;
            sum[1] += s.recall() * weight;
            sum[2] += s.f1() * weight;
            total += weight;
        }
        for (int i = 0; i < 3; i++) {
            sum[i] = total == 0 ? 0 : sum[i] / total;
        }
        return sum;
    }

    /** Rasa's {@code intent_report.json}: per intent precision, recall, f1-score, support, confused_with. */
    public String json() {
        Json json = new Json();
        json.open('{');
        scores.forEach((intent, s) -> {
            json.key(intent.label()).open('{');
            json.key("precision").number(s.precision()).key("recall").number(s.recall())
                    .key("f1-score").number(s.f1()).key("support").number(s.support());
            json.key("confused_with").open('{');
            s.confusedWith().forEach((other, n) -> json.key(other.label()).number(n));
            json.close('}').close('}');
        });
        json.key("accuracy").number(accuracy());
        for (boolean weighted : new boolean[] {false, true}) {
            double[] avg = average(weighted);
            json.key(weighted ? "weighted avg" : "macro avg").open('{')
                    .key("precision").number(avg[0]).key("recall").number(avg[1]).key("f1-score").number(avg[2])
                    .key("support").number(predictions.size()).close('}');
        }
        return json.close('}').toString();
    }

    /** Rasa's {@code intent_errors.json}: the misclassified examples with what was predicted. */
    public String errorsJson() {
        Json json = new Json();
        json.open('[');
        for (Prediction p : errors()) {
            json.open('{').key("text").string(p.example().text()).key("intent").string(p.example().intent().label())
                    .key("language").string(p.example().language().code())
                    .key("intent_prediction").open('{').key("name").string(p.intent().label())
                    .key("confidence").number(p.confidence()).close('}').close('}');
        }
        return json.close(']').toString();
    }
}
