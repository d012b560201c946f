package no.nora.bot.dialogue.tasks;

import io.vertx.core.Future;
import no.nora.bot.dialogue.Reply;
import no.nora.bot.dialogue.Step;
import no.nora.bot.dialogue.Task;
import no.nora.bot.dialogue.TurnContext;
import no.nora.bot.text.Texts;
import no.nora.intents.Intent;

/**
 * Intents answered with one text and no case data: greeting, goodbye and thanks, contact details, and a lone yes or
 * no when nothing was asked.
 */
public final class SmallTalk implements Task {
    private final Intent intent;
    private final String textKey;
    private final Texts texts;

    private SmallTalk(Intent intent, String textKey, Texts texts) {
        this.intent = intent;
        this.textKey = textKey;
        this.texts = texts;
    }

    public static SmallTalk greeting(Texts texts) {
        return new SmallTalk(Intent.GREETING, "greeting", texts);
    }

    public static SmallTalk goodbye(Texts texts) {
        return new SmallTalk(Intent.GOODBYE, "goodbye", texts);
    }

    public static SmallTalk contactInfo(Texts texts) {
        return new SmallTalk(Intent.CONTACT_INFO, "contact.info", texts);
    }

    public static SmallTalk affirm(Texts texts) {
        return new SmallTalk(Intent.AFFIRM, "affirm.idle", texts);
    }

    public static SmallTalk deny(Texts texts) {
        return new SmallTalk(Intent.DENY, "deny.idle", texts);
    }

    @Override
    public Intent intent() {
        return intent;
    }

    @Override
    public Future<Step> start(TurnContext turn) {
        return Future.succeededFuture(Step.say(turn.state().idle(), Reply.of(texts.get(turn.language(), textKey))));
    }
}
