package no.nora.intents.eval;

import no.nora.intents.Intent;
import no.nora.intents.Language;
import no.nora.intents.training.LabelledExample;

/** What the classifier said about one labelled example. */
public record Prediction(LabelledExample example, Intent intent, double confidence, Language language,
                         double languageConfidence) {
    public boolean intentRight() {
        return intent == example.intent();
    }

    public boolean languageRight() {
        return language == example.language();
    }
}
