package no.nora.intents.training;

import no.nora.intents.Intent;
import no.nora.intents.Language;

/** One line of the corpus or of a held-out file: {@code intent<TAB>language<TAB>text}. */
public record LabelledExample(Intent intent, Language language, String text) {
}
