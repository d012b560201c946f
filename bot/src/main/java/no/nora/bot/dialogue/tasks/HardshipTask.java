package no.nora.bot.dialogue.tasks;

import io.vertx.core.Future;
import no.nora.bot.dialogue.Reply;
import no.nora.bot.dialogue.Step;
import no.nora.bot.dialogue.Task;
import no.nora.bot.dialogue.TurnContext;
import no.nora.bot.handoff.HandoffReason;
import no.nora.bot.text.Texts;
import no.nora.intents.Intent;

/** "Jeg har mistet jobben og kan ikke betale" – warm words, free debt advice, and a person first in the queue. */
public final class HardshipTask implements Task {
    private final Texts texts;

    public HardshipTask(Texts texts) {
        this.texts = texts;
    }

    @Override
    public Intent intent() {
        return Intent.HARDSHIP;
    }

    @Override
    public Future<Step> start(TurnContext turn) {
        return Future.succeededFuture(Step.handOver(turn.state().idle(), HandoffReason.HARDSHIP,
                Reply.of(texts.get(turn.language(), "hardship"))));
    }
}
