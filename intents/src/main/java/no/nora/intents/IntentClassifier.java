package no.nora.intents;

import java.util.List;
import java.util.Locale;
import no.nora.redact.RedactedText;

/**
 * Classifies a redacted message into an {@link Intent} with its language and entities.
 *
 * <p>PLACEHOLDER IMPLEMENTATION for the foundation: keywords only. Issue 4 replaces it with the OpenNLP model.
 */
public final class IntentClassifier {

    private IntentClassifier() {
    }

    /** Loads the model shipped in the jar. Blocking: call it from a worker thread. */
    public static IntentClassifier load() {
        return new IntentClassifier();
    }

    public Understanding understand(RedactedText message) {
        String text = message.text();
        String lower = text.toLowerCase(Locale.ROOT);
        Intent intent = lower.contains("kopi") || lower.contains("copy") || lower.contains("faktura") ? Intent.INVOICE_COPY
                : lower.contains("betalt") || lower.contains("paid") ? Intent.PAYMENT_RECEIVED
                : lower.contains("avdrag") || lower.contains("instal") ? Intent.INSTALMENT_REQUEST
                : lower.startsWith("hei") || lower.startsWith("hi") || lower.startsWith("hello") ? Intent.GREETING
                : Intent.OUT_OF_SCOPE;
        Language language = lower.matches(".*\\b(the|please|hi|hello|my|copy|paid|can)\\b.*") ? Language.EN : Language.NB;
        return new Understanding(text, intent, 1.0, List.of(new RankedIntent(intent, 1.0)), List.of(), language);
    }
}
