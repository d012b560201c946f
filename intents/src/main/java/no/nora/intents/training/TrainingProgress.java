package no.nora.intents.training;

/**
 * Progress of a retraining, for a progress bar: {@code phase} is a short English code ({@code cross-validation},
 * {@code training}, {@code development-set}); {@code done} of {@code total} steps of the whole run are finished.
 * {@code total} is known from the first call and stays; {@code done} only grows, from 0 to {@code total}. Called on
 * the thread that finished the step, never twice at once.
 */
@FunctionalInterface
public interface TrainingProgress {
    void at(String phase, int done, int total);
}
