package no.nora.bot.dialogue.tasks;

import java.util.List;
import no.nora.bot.conversation.Choice;
import no.nora.bot.text.Texts;
import no.nora.intents.Language;

/** The two quick replies of a yes/no question; choosing one sends the word, which the classifier reads. */
final class YesNo {
    private YesNo() {
    }

    static List<Choice> choices(Texts texts, Language language) {
        String yes = texts.get(language, "choice.yes");
        String no = texts.get(language, "choice.no");
        return List.of(new Choice(yes, yes), new Choice(no, no));
    }
}
