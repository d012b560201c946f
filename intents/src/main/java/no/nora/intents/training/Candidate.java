package no.nora.intents.training;

/**
 * A retrained intent model, as {@code DoccatModel.serialize} wrote it (for {@code IntentClassifier.withIntentModel}
 * and a model store), with its before-and-after report.
 */
public record Candidate(byte[] intentModel, ModelReport report) {
}
