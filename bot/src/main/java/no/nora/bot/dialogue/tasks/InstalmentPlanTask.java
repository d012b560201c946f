package no.nora.bot.dialogue.tasks;

import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import no.nora.bot.caseapi.CaseApi;
import no.nora.bot.caseapi.CaseApiException;
import no.nora.bot.caseapi.DebtCase;
import no.nora.bot.caseapi.InstalmentPlanRequest;
import no.nora.bot.dialogue.Reply;
import no.nora.bot.dialogue.Step;
import no.nora.bot.dialogue.Task;
import no.nora.bot.dialogue.TurnContext;
import no.nora.bot.text.Money;
import no.nora.bot.text.Texts;
import no.nora.intents.Intent;
import no.nora.intents.Language;

/**
 * "Kan jeg betale i avdrag?" – check that the case allows it, take the monthly amount or the number of months (from
 * the first message when given), show the plan, ask for a yes, send the request and say what happens next. An offer
 * outside the case's rules is answered with the reason and the figure that would work.
 */
public final class InstalmentPlanTask implements Task {
    private static final String ASK_TERMS = "ask_terms";
    private static final String CONFIRM = "confirm";

    private final CaseApi caseApi;
    private final Texts texts;
    private final CaseSelection cases;

    public InstalmentPlanTask(CaseApi caseApi, Texts texts) {
        this.caseApi = caseApi;
        this.texts = texts;
        this.cases = new CaseSelection(caseApi, texts);
    }

    @Override
    public Intent intent() {
        return Intent.INSTALMENT_REQUEST;
    }

    @Override
    public Future<Step> start(TurnContext turn) {
        return cases.select(turn, intent().label(), c -> c.balance().signum() > 0).map(outcome -> outcome.instead()
                .map(question -> rememberOffer(turn, question))
                .orElseGet(() -> offer(turn, outcome.selected().get())));
    }

    @Override
    public Future<Step> resume(TurnContext turn) {
        String step = turn.state().slots().getOrDefault(CaseSelection.STEP, "");
        Optional<String> caseId = turn.state().caseId();
        if (caseId.isEmpty() || !(step.equals(ASK_TERMS) || step.equals(CONFIRM))) {
            return start(turn);
        }
        return caseApi.debtCase(caseId.get()).compose(debtCase -> {
            if (step.equals(CONFIRM) && !hasTerms(turn)) {
                return confirm(turn, debtCase);
            }
            return Future.succeededFuture(offer(turn, debtCase));
        });
    }

    /** "Kan jeg betale 500 i måneden?" with several cases: keep the 500 while the debtor picks the case. */
    private static Step rememberOffer(TurnContext turn, Step question) {
        var state = question.state();
        if (state.task().isEmpty()) {
            return question;
        }
        var amount = offered(turn, "amount");
        var months = offered(turn, "months");
        if (amount.isPresent()) {
            state = state.withSlot("offer.amount", amount.get());
        }
        if (months.isPresent()) {
            state = state.withSlot("offer.months", months.get());
        }
        return new Step(state, question.replies(), question.handoff());
    }

    /** The amount or months in this message, or the ones remembered from the message that started the task. */
    private static Optional<String> offered(TurnContext turn, String entity) {
        return turn.understanding().entity(entity).map(e -> String.valueOf(e.value()))
                .or(() -> turn.state().slot("offer." + entity));
    }

    private Step offer(TurnContext turn, DebtCase debtCase) {
        Language language = turn.language();
        var state = turn.state().withCase(Optional.of(debtCase.id()));
        if (!debtCase.rules().instalmentsAllowed()) {
            return Step.say(state.idle(), Reply.of(texts.get(language, "instalment.not-allowed", debtCase.creditor())));
        }
        var amount = offered(turn, "amount").map(BigDecimal::new);
        var months = offered(turn, "months").map(v -> new BigDecimal(v).intValue());
        if (amount.isEmpty() && months.isEmpty()) {
            return Step.say(state.withTask(Optional.of(intent().label()), Map.of(CaseSelection.STEP, ASK_TERMS)),
                    Reply.of(texts.get(language, "instalment.ask", debtCase.creditor(), Money.format(language, debtCase.balance()),
                            Money.format(language, debtCase.rules().minimumMonthlyInstalment()), debtCase.rules().maximumMonths())));
        }
        var result = amount.isPresent()
                ? InstalmentPlan.fromMonthlyAmount(debtCase.balance(), amount.get(), debtCase.rules())
                : InstalmentPlan.fromMonths(debtCase.balance(), months.get(), debtCase.rules());
        if (result.problem().isPresent()) {
            var asking = state.withTask(Optional.of(intent().label()), Map.of(CaseSelection.STEP, ASK_TERMS));
            return Step.say(asking, Reply.of(problem(language, result.problem().get(), debtCase)));
        }
        var plan = result.plan().get();
        var confirming = state.withTask(Optional.of(intent().label()), Map.of(CaseSelection.STEP, CONFIRM,
                "monthly", plan.monthly().toPlainString(), "months", Integer.toString(plan.months())));
        return Step.say(confirming, new Reply(texts.get(language, "instalment.plan", plan.months(),
                Money.format(language, plan.monthly()), Money.format(language, plan.last())), YesNo.choices(texts, language)));
    }

    private String problem(Language language, InstalmentPlan.Problem problem, DebtCase debtCase) {
        var rules = debtCase.rules();
        return switch (problem) {
            case BELOW_MINIMUM -> texts.get(language, "instalment.below-minimum",
                    Money.format(language, rules.minimumMonthlyInstalment()));
            case ABOVE_BALANCE -> texts.get(language, "instalment.above-balance", Money.format(language, debtCase.balance()));
            case TOO_LONG -> texts.get(language, "instalment.too-long", rules.maximumMonths(),
                    Money.format(language, InstalmentPlan.smallestWithinLimit(debtCase.balance(), rules)));
        };
    }

    private Future<Step> confirm(TurnContext turn, DebtCase debtCase) {
        Language language = turn.language();
        return switch (turn.understanding().intent()) {
            case AFFIRM -> {
                var request = new InstalmentPlanRequest(new BigDecimal(turn.state().slots().get("monthly")),
                        Integer.parseInt(turn.state().slots().get("months")));
                yield caseApi.requestInstalmentPlan(debtCase.id(), request,
                                IdempotencyKeys.of(turn, "instalment-plan", debtCase.id()))
                        .map(receipt -> Step.say(turn.state().idle(), Reply.of(texts.get(language, "instalment.created"))))
                        .recover(failure -> rejected(turn, failure));
            }
            case DENY -> Future.succeededFuture(Step.say(turn.state().idle(),
                    Reply.of(texts.get(language, "instalment.cancelled"))));
            default -> Future.succeededFuture(Step.say(turn.state(),
                    new Reply(texts.get(language, "question.yes-no"), YesNo.choices(texts, language))));
        };
    }

    private Future<Step> rejected(TurnContext turn, Throwable failure) {
        if (failure instanceof CaseApiException e && e.kind() == CaseApiException.Kind.REJECTED) {
            return Future.succeededFuture(Step.say(turn.state().idle(),
                    Reply.of(texts.get(turn.language(), "instalment.rejected"))));
        }
        return Future.failedFuture(failure);
    }

    private static boolean hasTerms(TurnContext turn) {
        return turn.understanding().entity("amount").isPresent() || turn.understanding().entity("months").isPresent();
    }
}
