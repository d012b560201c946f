package no.nora.bot.dialogue.tasks;

import io.vertx.core.Future;
import java.util.Optional;
import no.nora.bot.caseapi.CaseApi;
import no.nora.bot.caseapi.ComplaintRequest;
import no.nora.bot.dialogue.Reply;
import no.nora.bot.dialogue.Step;
import no.nora.bot.dialogue.Task;
import no.nora.bot.dialogue.TurnContext;
import no.nora.bot.handoff.HandoffReason;
import no.nora.bot.text.Texts;
import no.nora.intents.Intent;

/**
 * "Dette kravet er feil!" – register the complaint on the case (in the debtor's redacted words) and pass the
 * conversation to a person, who sees it first in the queue.
 */
public final class ComplaintTask implements Task {
    private final CaseApi caseApi;
    private final Texts texts;
    private final CaseSelection cases;

    public ComplaintTask(CaseApi caseApi, Texts texts) {
        this.caseApi = caseApi;
        this.texts = texts;
        this.cases = new CaseSelection(caseApi, texts);
    }

    @Override
    public Intent intent() {
        return Intent.COMPLAINT;
    }

    @Override
    public Future<Optional<Reply>> reask(TurnContext turn) {
        return cases.reask(turn);
    }

    @Override
    public Future<Step> start(TurnContext turn) {
        var language = turn.language();
        if (!turn.state().signedIn() && turn.state().caseId().isEmpty()) {
            return Future.succeededFuture(Step.handOver(turn.state().idle(), HandoffReason.COMPLAINT,
                    Reply.of(texts.get(language, "complaint.handoff"))));
        }
        return cases.select(turn, intent().label(), c -> true, "case.none").compose(outcome -> {
            if (outcome.instead().isPresent()) {
                return Future.succeededFuture(outcome.instead().get());
            }
            var debtCase = outcome.selected().get();
            String words = outcome.turn().state().slot("complaint").orElse(outcome.turn().text().text());
            return caseApi.registerComplaint(debtCase.id(), new ComplaintRequest(words),
                            IdempotencyKeys.of(outcome.turn(), "complaint", debtCase.id()))
                    .map(receipt -> Step.handOver(outcome.turn().state().idle().withCase(Optional.of(debtCase.id())),
                            HandoffReason.COMPLAINT, Reply.of(texts.get(language, "complaint.registered", debtCase.creditor(),
                            debtCase.reference()))));
        }).map(step -> step.state().task().isPresent()
                // Asking which case: keep the debtor's own words for when the case is chosen.
                ? new Step(step.state().withSlot("complaint", turn.state().slot("complaint").orElse(turn.text().text())),
                        step.replies(), step.handoff())
                : step);
    }
}
