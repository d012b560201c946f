package no.nora.bot.dialogue.tasks;

import io.vertx.core.Future;
import java.util.Optional;
import no.nora.bot.caseapi.CaseApi;
import no.nora.bot.dialogue.Reply;
import no.nora.bot.dialogue.Step;
import no.nora.bot.dialogue.Task;
import no.nora.bot.dialogue.TurnContext;
import no.nora.bot.text.Dates;
import no.nora.bot.text.Money;
import no.nora.bot.text.Texts;
import no.nora.intents.Intent;

/** "Hvor mye skylder jeg?" – what the claim was, the fees, and what is left to pay. */
public final class BalanceTask implements Task {
    private final Texts texts;
    private final CaseSelection cases;

    public BalanceTask(CaseApi caseApi, Texts texts) {
        this.texts = texts;
        this.cases = new CaseSelection(caseApi, texts);
    }

    @Override
    public Intent intent() {
        return Intent.BALANCE_INQUIRY;
    }

    @Override
    public Future<Step> start(TurnContext turn) {
        return cases.select(turn, intent().label(), c -> true).map(outcome -> outcome.instead().orElseGet(() -> {
            var c = outcome.selected().get();
            var language = turn.language();
            String key = c.balance().signum() > 0 ? "balance.open" : "balance.paid";
            return Step.say(turn.state().idle().withCase(Optional.of(c.id())), Reply.of(texts.get(language, key,
                    c.creditor(), c.reference(), Money.format(language, c.originalAmount()), Money.format(language, c.fees()),
                    Money.format(language, c.balance()), Dates.format(language, c.dueDate()))));
        }));
    }
}
