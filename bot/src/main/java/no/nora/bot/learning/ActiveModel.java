package no.nora.bot.learning;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import no.nora.intents.IntentClassifier;

/**
 * The classifier this instance answers with, and which model version it is. Activation swaps it in one step: a turn
 * reads it once and finishes with the model it started with, so nothing in flight fails or waits.
 */
public final class ActiveModel {
    /** The version name of the model trained at build time and shipped in the jar. */
    public static final String SHIPPED = "shipped";

    /** A model version and its classifier, read together. */
    public record InUse(String version, IntentClassifier classifier) {
    }

    private final AtomicReference<InUse> inUse;

    public ActiveModel(IntentClassifier shipped) {
        this.inUse = new AtomicReference<>(new InUse(SHIPPED, Objects.requireNonNull(shipped)));
    }

    public InUse inUse() {
        return inUse.get();
    }

    public IntentClassifier classifier() {
        return inUse.get().classifier();
    }

    public String version() {
        return inUse.get().version();
    }

    public void use(String version, IntentClassifier classifier) {
        inUse.set(new InUse(Objects.requireNonNull(version), Objects.requireNonNull(classifier)));
    }
}
