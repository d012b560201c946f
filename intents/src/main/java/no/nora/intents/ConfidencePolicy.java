package no.nora.intents;

/**
 * When the model's best intent is not trusted: its probability is below {@code minConfidence}, or the runner-up is
 * within {@code minMargin} of it. Then the answer is {@link Intent#OUT_OF_SCOPE} and the dialogue asks the debtor
 * to rephrase. The shipped values were tuned with the evaluation command (k-fold on the corpus, then checked on the
 * development set).
 */
public record ConfidencePolicy(double minConfidence, double minMargin) {
    public static final ConfidencePolicy SHIPPED = new ConfidencePolicy(0.25, 0.05);
    /** Always the model's best guess: for measuring the model itself. */
    public static final ConfidencePolicy NONE = new ConfidencePolicy(0, 0);

    public ConfidencePolicy {
        if (minConfidence < 0 || minConfidence > 1 || minMargin < 0 || minMargin > 1) {
            throw new IllegalArgumentException("thresholds are probabilities between 0 and 1");
        }
    }

    /** True when the best of a ranking (sorted, best first) may be acted on. */
    public boolean accepts(double best, double runnerUp) {
        return best >= minConfidence && best - runnerUp >= minMargin;
    }
}
