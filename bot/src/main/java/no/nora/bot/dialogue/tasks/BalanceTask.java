package no.nora.bot.dialogue.tasks;

import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.nora.bot.caseapi.CaseApi;
import no.nora.bot.caseapi.DebtCase;
import no.nora.bot.caseapi.Payment;
import no.nora.bot.conversation.Choice;
import no.nora.bot.dialogue.Reply;
import no.nora.bot.dialogue.Step;
import no.nora.bot.dialogue.Task;
import no.nora.bot.dialogue.TurnContext;
import no.nora.bot.dialogue.Words;
import no.nora.bot.text.Money;
import no.nora.bot.text.Texts;
import no.nora.intents.Intent;
import no.nora.intents.Language;

/**
 * "Hvor mye skylder jeg?" – for one case, the claim, the fees, what has been paid and what is left, and where the
 * case stands (due, overdue, on a plan, deferred …); "totalt"/"alle sakene", the total with a line per case.
 */
public final class BalanceTask implements Task {
    /** Words that ask for all cases at once. */
    private static final Set<String> ALL = Set.of("totalt", "total", "alle", "all", "sammen", "saman", "samla",
            "samlet", "altogether", "everything", "sum", "summen");

    private final CaseApi caseApi;
    private final Texts texts;
    private final CaseSelection cases;
    private final CaseStanding standing;

    public BalanceTask(CaseApi caseApi, Texts texts) {
        this.caseApi = caseApi;
        this.texts = texts;
        this.cases = new CaseSelection(caseApi, texts);
        this.standing = new CaseStanding(texts);
    }

    @Override
    public Intent intent() {
        return Intent.BALANCE_INQUIRY;
    }

    @Override
    public Future<Step> start(TurnContext turn) {
        if (CaseSelection.knowsDebtor(turn.state()) && asksForAll(turn)) {
            return cases.visibleCases(turn.state()).map(all -> total(turn, all));
        }
        return cases.select(turn, intent().label(), c -> true, "case.none").compose(outcome -> {
            if (outcome.instead().isPresent()) {
                return Future.succeededFuture(withAllCasesChoice(outcome.turn(), outcome.instead().get()));
            }
            var c = outcome.selected().get();
            return caseApi.payments(c.id()).map(payments -> Step.say(
                    outcome.turn().state().idle().withCase(Optional.of(c.id())), Reply.of(balance(outcome.turn(), c, payments))));
        });
    }

    private static boolean asksForAll(TurnContext turn) {
        return Words.of(turn.text().text()).stream().anyMatch(ALL::contains);
    }

    private String balance(TurnContext turn, DebtCase c, List<Payment> payments) {
        Language language = turn.language();
        if (c.status().settled()) {
            return standing.settled(language, c);
        }
        BigDecimal claimed = c.originalAmount().add(c.fees());
        BigDecimal paid = payments.stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        String figures = paid.signum() == 0 && claimed.compareTo(c.balance()) == 0
                ? texts.get(language, "balance.figures", c.creditor(), c.reference(), Money.format(language, c.originalAmount()),
                        Money.format(language, c.fees()), Money.format(language, claimed))
                : texts.get(language, "balance.figures.paid", c.creditor(), c.reference(),
                        Money.format(language, c.originalAmount()), Money.format(language, c.fees()),
                        Money.format(language, claimed), Money.format(language, paid), Money.format(language, c.balance()));
        return figures + " " + standing.of(language, c, turn.today());
    }

    /** What is owed on all open cases, a line each. */
    private Step total(TurnContext turn, List<DebtCase> all) {
        Language language = turn.language();
        var owing = all.stream().filter(DebtCase::owing).toList();
        var state = turn.state().idle();
        if (owing.isEmpty()) {
            return Step.say(state, Reply.of(texts.get(language, "case.none-owing")));
        }
        BigDecimal sum = owing.stream().map(DebtCase::balance).reduce(BigDecimal.ZERO, BigDecimal::add);
        var lines = new ArrayList<String>();
        lines.add(texts.get(language, "balance.total", Money.format(language, sum), owing.size()));
        owing.forEach(c -> lines.add(texts.get(language, "balance.total.line", c.creditor(), c.reference(),
                Money.format(language, c.balance()))));
        return Step.say(state, Reply.of(String.join("\n", lines)));
    }

    /** When the debtor is asked which case, "all of them" is one of the answers. */
    private Step withAllCasesChoice(TurnContext turn, Step question) {
        if (question.state().task().isEmpty() || question.replies().isEmpty()) {
            return question;
        }
        var reply = question.replies().get(0);
        var choices = new ArrayList<>(reply.choices());
        String all = texts.get(turn.language(), "choice.all-cases");
        choices.add(new Choice(all, all));
        return new Step(question.state(), List.of(new Reply(reply.text(), choices, reply.links())), question.handoff());
    }
}
