package no.nora.bot.dialogue.tasks;

import io.vertx.core.Future;
import no.nora.bot.dialogue.Reply;
import no.nora.bot.dialogue.Step;
import no.nora.bot.dialogue.Task;
import no.nora.bot.dialogue.TurnContext;
import no.nora.bot.handoff.HandoffReason;
import no.nora.bot.text.Texts;
import no.nora.intents.Intent;

/** The debtor asks for a person: say so plainly and queue the conversation for the customer centre. */
public final class HumanHandoffTask implements Task {
    private final Texts texts;

    public HumanHandoffTask(Texts texts) {
        this.texts = texts;
    }

    @Override
    public Intent intent() {
        return Intent.HUMAN_HANDOFF;
    }

    @Override
    public Future<Step> start(TurnContext turn) {
        return Future.succeededFuture(Step.handOver(turn.state().idle(), HandoffReason.REQUESTED,
                Reply.of(texts.get(turn.language(), "handoff.requested"))));
    }
}
