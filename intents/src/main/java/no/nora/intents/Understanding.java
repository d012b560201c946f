package no.nora.intents;

import java.util.List;
import java.util.Optional;

/**
 * What the classifier made of one redacted message. {@code languageConfidence} says how sure the language guess is
 * (see {@link LanguageGuess}); the conversation keeps its language unless the guess is confident.
 */
public record Understanding(String text, Intent intent, double confidence, List<RankedIntent> ranking,
                            List<Entity> entities, Language language, double languageConfidence) {

    public Understanding {
        ranking = List.copyOf(ranking);
        entities = List.copyOf(entities);
    }

    /** An understanding whose language is taken as certain (tests, fixed-language channels). */
    public Understanding(String text, Intent intent, double confidence, List<RankedIntent> ranking,
                         List<Entity> entities, Language language) {
        this(text, intent, confidence, ranking, entities, language, 1.0);
    }

    public Optional<Entity> entity(String name) {
        return entities.stream().filter(e -> e.entity().equals(name)).findFirst();
    }

    public LanguageGuess languageGuess() {
        return new LanguageGuess(language, languageConfidence);
    }
}
