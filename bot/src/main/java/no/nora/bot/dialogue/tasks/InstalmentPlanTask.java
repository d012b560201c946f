package no.nora.bot.dialogue.tasks;

import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import no.nora.bot.caseapi.CaseApi;
import no.nora.bot.caseapi.CaseApiException;
import no.nora.bot.caseapi.CaseStatus;
import no.nora.bot.caseapi.DebtCase;
import no.nora.bot.caseapi.InstalmentPlanRequest;
import no.nora.bot.dialogue.Reply;
import no.nora.bot.dialogue.Step;
import no.nora.bot.dialogue.Task;
import no.nora.bot.dialogue.TurnContext;
import no.nora.bot.text.Dates;
import no.nora.bot.text.Money;
import no.nora.bot.text.Texts;
import no.nora.intents.Intent;
import no.nora.intents.Language;

/**
 * "Kan jeg betale i avdrag?" – for a case waiting for payment: take the monthly amount or the number of months (from
 * the first message when given), show the plan, ask for a yes, send the request and say what happens next. An offer
 * outside the case's rules is answered with the reason and the figure that would work; one that covers the whole
 * balance is welcomed as paying in full; a new figure at the confirmation revises the plan. A case already on a plan
 * is shown its plan and never offered a second; in legal collection or settled, nothing is offered.
 */
public final class InstalmentPlanTask implements Task {
    private static final String ASK_TERMS = "ask_terms";
    private static final String CONFIRM = "confirm";

    private final CaseApi caseApi;
    private final Texts texts;
    private final CaseSelection cases;
    private final CaseStanding standing;
    private final PersonOffer person;

    public InstalmentPlanTask(CaseApi caseApi, Texts texts) {
        this.caseApi = caseApi;
        this.texts = texts;
        this.cases = new CaseSelection(caseApi, texts);
        this.standing = new CaseStanding(texts);
        this.person = new PersonOffer(texts);
    }

    @Override
    public Intent intent() {
        return Intent.INSTALMENT_REQUEST;
    }

    @Override
    public Future<Step> start(TurnContext turn) {
        return cases.select(turn, intent().label(), DebtCase::owing, "case.none-owing").map(outcome -> outcome.instead()
                .map(question -> rememberOffer(outcome.turn(), question))
                .orElseGet(() -> offer(outcome.turn(), outcome.selected().get())));
    }

    @Override
    public Future<Step> resume(TurnContext turn) {
        String step = turn.state().slots().getOrDefault(CaseSelection.STEP, "");
        if (PersonOffer.asked(turn.state())) {
            return Future.succeededFuture(person.answer(turn));
        }
        Optional<String> caseId = turn.state().caseId();
        if (caseId.isEmpty() || !(step.equals(ASK_TERMS) || step.equals(CONFIRM))) {
            return start(turn);
        }
        // Any case named now, or "nei, den andre", wins over the one being discussed.
        return cases.select(turn, intent().label(), DebtCase::owing, "case.none-owing").compose(outcome -> {
            if (outcome.selected().isEmpty()) {
                return Future.succeededFuture(outcome.instead().get());
            }
            var debtCase = outcome.selected().get();
            if (!debtCase.id().equals(caseId.get())) {
                return Future.succeededFuture(offer(outcome.turn(), debtCase));
            }
            if (step.equals(CONFIRM) && !hasTerms(outcome.turn())) {
                return confirm(outcome.turn(), debtCase);
            }
            return Future.succeededFuture(offer(outcome.turn(), debtCase));
        });
    }

    @Override
    public Future<Optional<Reply>> reask(TurnContext turn) {
        var state = turn.state();
        var language = turn.language();
        String step = state.slots().getOrDefault(CaseSelection.STEP, "");
        if (PersonOffer.asked(state)) {
            return Future.succeededFuture(Optional.of(person.reask(state)));
        }
        if (state.caseId().isEmpty() || !(step.equals(ASK_TERMS) || step.equals(CONFIRM))) {
            return cases.reask(turn);
        }
        return caseApi.debtCase(state.caseId().get()).map(c -> Optional.of(step.equals(CONFIRM)
                ? new Reply(texts.get(language, "instalment.reask", c.creditor()), YesNo.choices(texts, language))
                : Reply.of(texts.get(language, "instalment.reask-terms", c.creditor()))));
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

    /**
     * The amount or months in this message – a bare "300" counts as an amount while a plan is discussed – or the
     * ones remembered from the message that started the task.
     */
    private static Optional<String> offered(TurnContext turn, String entity) {
        var said = turn.understanding().entity(entity).map(e -> String.valueOf(e.value()));
        if (said.isEmpty() && entity.equals("amount") && discussingTerms(turn)) {
            said = BareAmount.in(turn.text().text());
        }
        if (said.isPresent()) {
            return said;
        }
        // Months and amount go together: a new figure of one kind replaces a remembered one of the other.
        boolean other = turn.understanding().entity(entity.equals("amount") ? "months" : "amount").isPresent()
                || entity.equals("months") && discussingTerms(turn) && BareAmount.in(turn.text().text()).isPresent();
        return other ? Optional.empty() : turn.state().slot("offer." + entity);
    }

    private static boolean discussingTerms(TurnContext turn) {
        String step = turn.state().slots().getOrDefault(CaseSelection.STEP, "");
        return step.equals(ASK_TERMS) || step.equals(CONFIRM);
    }

    private Step offer(TurnContext turn, DebtCase debtCase) {
        Language language = turn.language();
        var state = turn.state().withCase(Optional.of(debtCase.id()));
        if (debtCase.status().settled()) {
            return Step.say(state.idle(), Reply.of(standing.settled(language, debtCase)));
        }
        if (debtCase.status() == CaseStatus.INSTALMENT_PLAN && debtCase.plan().isPresent()) {
            var plan = debtCase.plan().get();
            return person.ask(state, intent().label(), texts.get(language, "instalment.exists", debtCase.creditor(),
                    debtCase.reference(), Money.format(language, plan.monthlyAmount()),
                    Dates.format(language, plan.nextInstalmentDate()), plan.instalmentsLeft(),
                    Money.format(language, debtCase.balance())));
        }
        if (!debtCase.openForRequests()) {
            return person.ask(state, intent().label(), texts.get(language, "case.not-open", debtCase.creditor(),
                    debtCase.reference()) + " " + standing.of(language, debtCase, turn.today()));
        }
        if (!debtCase.rules().instalmentsAllowed()) {
            return Step.say(state.idle(), Reply.of(texts.get(language, "instalment.not-allowed", debtCase.creditor(),
                    debtCase.reference())));
        }
        var amount = offered(turn, "amount").map(BigDecimal::new);
        var months = offered(turn, "months").map(v -> new BigDecimal(v).intValue());
        var asking = state.withTask(Optional.of(intent().label()), Map.of(CaseSelection.STEP, ASK_TERMS));
        if (amount.isEmpty() && months.isEmpty()) {
            return Step.say(asking, Reply.of(texts.get(language, "instalment.ask", debtCase.creditor(),
                    debtCase.reference(), Money.format(language, debtCase.balance()),
                    Money.format(language, debtCase.rules().minimumMonthlyInstalment()),
                    debtCase.rules().maximumMonths())));
        }
        if (amount.isPresent() && amount.get().compareTo(debtCase.balance()) >= 0) {
            return Step.say(state.idle(), Reply.of(texts.get(language, "instalment.pay-in-full",
                    Money.format(language, amount.get()), debtCase.creditor(), debtCase.reference(),
                    Money.format(language, debtCase.balance()))));
        }
        var result = amount.isPresent()
                ? InstalmentPlan.fromMonthlyAmount(debtCase.balance(), amount.get(), debtCase.rules())
                : InstalmentPlan.fromMonths(debtCase.balance(), months.get(), debtCase.rules());
        if (result.problem().isPresent()) {
            return Step.say(asking, Reply.of(problem(language, result.problem().get(), debtCase)));
        }
        var plan = result.plan().get();
        var slots = new java.util.HashMap<String, String>(Map.of(CaseSelection.STEP, CONFIRM,
                "monthly", plan.monthly().toPlainString(), "months", Integer.toString(plan.months())));
        // Kept for a correction ("nei, den andre"): the same offer on the other case.
        amount.ifPresent(a -> slots.put("offer.amount", a.toPlainString()));
        months.ifPresent(m -> slots.put("offer.months", Integer.toString(m)));
        var confirming = state.withTask(Optional.of(intent().label()), slots);
        return Step.say(confirming, new Reply(proposal(language, debtCase, plan), YesNo.choices(texts, language)));
    }

    /** "2 avdrag à 500 kr og et siste på 125 kr": the plan as it will be paid. */
    private String proposal(Language language, DebtCase debtCase, InstalmentPlan plan) {
        String total = Money.format(language, debtCase.balance());
        return plan.last().compareTo(plan.monthly()) == 0
                ? texts.get(language, "instalment.plan.even", debtCase.creditor(), debtCase.reference(), plan.months(),
                        Money.format(language, plan.monthly()), total)
                : texts.get(language, "instalment.plan", debtCase.creditor(), debtCase.reference(), plan.months() - 1,
                        Money.format(language, plan.monthly()), Money.format(language, plan.last()), total);
    }

    private String problem(Language language, InstalmentPlan.Problem problem, DebtCase debtCase) {
        var rules = debtCase.rules();
        return switch (problem) {
            case BELOW_MINIMUM -> texts.get(language, "instalment.below-minimum", debtCase.creditor(),
                    Money.format(language, rules.minimumMonthlyInstalment()));
            case ABOVE_BALANCE -> texts.get(language, "instalment.pay-in-full", Money.format(language, debtCase.balance()),
                    debtCase.creditor(), debtCase.reference(), Money.format(language, debtCase.balance()));
            case TOO_LONG -> texts.get(language, "instalment.too-long", debtCase.creditor(), rules.maximumMonths(),
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
                        .map(receipt -> Step.say(turn.state().idle(), Reply.of(texts.get(language, "instalment.created",
                                debtCase.creditor(), debtCase.reference()))))
                        .recover(failure -> rejected(turn, failure));
            }
            case DENY -> Future.succeededFuture(Step.say(turn.state().idle(),
                    Reply.of(texts.get(language, "instalment.cancelled"))));
            // "Har jeg en nedbetalingsavtale?" while the proposal waits: not yet – and the question again.
            case INSTALMENT_REQUEST -> Future.succeededFuture(Step.say(turn.state(), new Reply(
                    texts.get(language, "instalment.not-yet", debtCase.creditor()) + " "
                            + texts.get(language, "instalment.reask", debtCase.creditor()),
                    YesNo.choices(texts, language))));
            default -> Future.succeededFuture(Step.say(turn.state(), new Reply(
                    texts.get(language, "question.yes-no.plan", debtCase.creditor()), YesNo.choices(texts, language))));
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
        return turn.understanding().entity("amount").isPresent() || turn.understanding().entity("months").isPresent()
                || BareAmount.in(turn.text().text()).isPresent();
    }
}
