package no.nora.bot.dialogue.tasks;

import io.vertx.core.Future;
import java.util.Optional;
import no.nora.bot.caseapi.CaseApi;
import no.nora.bot.dialogue.Reply;
import no.nora.bot.dialogue.Step;
import no.nora.bot.dialogue.Task;
import no.nora.bot.dialogue.TurnContext;
import no.nora.bot.text.Texts;
import no.nora.intents.Intent;

/** "Kan jeg få kopi av fakturaen?" – find the case, order the copy, say where it arrives. */
public final class InvoiceCopyTask implements Task {
    private final CaseApi caseApi;
    private final Texts texts;
    private final CaseSelection cases;

    public InvoiceCopyTask(CaseApi caseApi, Texts texts) {
        this.caseApi = caseApi;
        this.texts = texts;
        this.cases = new CaseSelection(caseApi, texts);
    }

    @Override
    public Intent intent() {
        return Intent.INVOICE_COPY;
    }

    @Override
    public Future<Optional<Reply>> reask(TurnContext turn) {
        return cases.reask(turn);
    }

    @Override
    public Future<Step> start(TurnContext turn) {
        return cases.select(turn, intent().label(), c -> true, "case.none").compose(outcome -> {
            if (outcome.instead().isPresent()) {
                return Future.succeededFuture(outcome.instead().get());
            }
            var debtCase = outcome.selected().get();
            return caseApi.orderInvoiceCopy(debtCase.id(), IdempotencyKeys.of(outcome.turn(), "invoice-copy", debtCase.id()))
                    .map(receipt -> Step.say(outcome.turn().state().idle().withCase(Optional.of(debtCase.id())),
                            Reply.of(texts.get(outcome.turn().language(), "invoice.ordered", debtCase.creditor(), debtCase.reference()))));
        });
    }
}
