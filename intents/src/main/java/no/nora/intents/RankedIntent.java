package no.nora.intents;

public record RankedIntent(Intent intent, double confidence) {
}
