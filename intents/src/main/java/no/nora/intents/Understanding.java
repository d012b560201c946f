package no.nora.intents;

import java.util.List;
import java.util.Optional;

/** What the classifier made of one redacted message. */
public record Understanding(String text, Intent intent, double confidence, List<RankedIntent> ranking,
                            List<Entity> entities, Language language) {

    public Understanding {
        ranking = List.copyOf(ranking);
        entities = List.copyOf(entities);
    }

    public Optional<Entity> entity(String name) {
        return entities.stream().filter(e -> e.entity().equals(name)).findFirst();
    }
}
