package no.nora.bot.dialogue.tasks;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import no.nora.bot.caseapi.CaseApi;
import no.nora.bot.caseapi.CaseApiException;
import no.nora.bot.caseapi.CaseStatus;
import no.nora.bot.caseapi.DebtCase;
import no.nora.bot.caseapi.DeferralRequest;
import no.nora.bot.dialogue.Reply;
import no.nora.bot.dialogue.Step;
import no.nora.bot.dialogue.Task;
import no.nora.bot.dialogue.TurnContext;
import no.nora.bot.text.Dates;
import no.nora.bot.text.Texts;
import no.nora.intents.Intent;
import no.nora.intents.Language;

/**
 * "Kan jeg få utsatt betalingen til 15.12?" – on a case waiting for payment, a date within the case's limit,
 * confirmed, then requested. A case already deferred says until when, one on a plan says when the next instalment
 * is due; moving those further, or anything in legal collection, is offered to a person.
 */
public final class DeferralTask implements Task {
    private static final String ASK_DATE = "ask_date";
    private static final String CONFIRM = "confirm";

    private final CaseApi caseApi;
    private final Texts texts;
    private final CaseSelection cases;
    private final CaseStanding standing;
    private final PersonOffer person;

    public DeferralTask(CaseApi caseApi, Texts texts) {
        this.caseApi = caseApi;
        this.texts = texts;
        this.cases = new CaseSelection(caseApi, texts);
        this.standing = new CaseStanding(texts);
        this.person = new PersonOffer(texts);
    }

    @Override
    public Intent intent() {
        return Intent.DEFERRAL_REQUEST;
    }

    @Override
    public Future<Step> start(TurnContext turn) {
        return cases.select(turn, intent().label(), DebtCase::owing, "case.none-owing").map(outcome -> outcome.instead()
                .orElseGet(() -> askOrConfirm(outcome.turn(), outcome.selected().get())));
    }

    @Override
    public Future<Step> resume(TurnContext turn) {
        if (PersonOffer.asked(turn.state())) {
            return Future.succeededFuture(person.answer(turn));
        }
        String step = turn.state().slots().getOrDefault(CaseSelection.STEP, "");
        if (turn.state().caseId().isEmpty() || !(step.equals(ASK_DATE) || step.equals(CONFIRM))) {
            return start(turn);
        }
        // "Elkjøp" at the date question: the debtor meant another case.
        return cases.select(turn, intent().label(), DebtCase::owing, "case.none-owing").compose(outcome -> {
            if (outcome.selected().isEmpty()) {
                return Future.succeededFuture(outcome.instead().get());
            }
            var debtCase = outcome.selected().get();
            boolean sameCase = debtCase.id().equals(outcome.turn().state().caseId().get());
            return sameCase && step.equals(CONFIRM) && outcome.turn().understanding().entity("date").isEmpty()
                    ? confirm(outcome.turn(), debtCase)
                    : Future.succeededFuture(askOrConfirm(outcome.turn(), debtCase));
        });
    }

    @Override
    public Future<Optional<Reply>> reask(TurnContext turn) {
        var state = turn.state();
        var language = turn.language();
        if (PersonOffer.asked(state)) {
            return Future.succeededFuture(Optional.of(person.reask(state)));
        }
        String step = state.slots().getOrDefault(CaseSelection.STEP, "");
        if (state.caseId().isEmpty() || !(step.equals(ASK_DATE) || step.equals(CONFIRM))) {
            return cases.reask(turn);
        }
        return caseApi.debtCase(state.caseId().get()).map(c -> Optional.of(step.equals(CONFIRM)
                ? new Reply(texts.get(language, "deferral.reask", c.creditor(),
                        Dates.format(language, LocalDate.parse(state.slots().get("date")))), YesNo.choices(texts, language))
                : Reply.of(texts.get(language, "deferral.reask-date", c.creditor()))));
    }

    private Step askOrConfirm(TurnContext turn, DebtCase debtCase) {
        Language language = turn.language();
        var state = turn.state().withCase(Optional.of(debtCase.id()));
        if (debtCase.status().settled()) {
            return Step.say(state.idle(), Reply.of(standing.settled(language, debtCase)));
        }
        if (debtCase.status() == CaseStatus.DEFERRED && debtCase.deferredUntil().isPresent()) {
            return person.ask(state, intent().label(), texts.get(language, "deferral.already", debtCase.creditor(),
                    debtCase.reference(), Dates.format(language, debtCase.deferredUntil().get())));
        }
        if (debtCase.status() == CaseStatus.INSTALMENT_PLAN && debtCase.plan().isPresent()) {
            return person.ask(state, intent().label(), texts.get(language, "deferral.on-plan", debtCase.creditor(),
                    debtCase.reference(), Dates.format(language, debtCase.plan().get().nextInstalmentDate())));
        }
        if (!debtCase.openForRequests()) {
            return person.ask(state, intent().label(), texts.get(language, "case.not-open", debtCase.creditor(),
                    debtCase.reference()) + " " + standing.of(language, debtCase, turn.today()));
        }
        LocalDate latest = debtCase.rules().latestDeferralDate();
        var date = turn.understanding().entity("date").map(e -> LocalDate.parse(String.valueOf(e.value())));
        var asking = state.withTask(Optional.of(intent().label()), Map.of(CaseSelection.STEP, ASK_DATE));
        if (latest == null || !latest.isAfter(turn.today())) {
            return Step.say(state.idle(), Reply.of(texts.get(language, "deferral.not-possible", debtCase.creditor(),
                    debtCase.reference())));
        }
        if (date.isEmpty()) {
            return Step.say(asking, Reply.of(texts.get(language, "deferral.ask", debtCase.creditor(),
                    debtCase.reference(), Dates.format(language, latest))));
        }
        if (!date.get().isAfter(turn.today()) || date.get().isAfter(latest)) {
            return Step.say(asking, Reply.of(texts.get(language, "deferral.out-of-range", Dates.format(language, latest))));
        }
        var confirming = state.withTask(Optional.of(intent().label()),
                Map.of(CaseSelection.STEP, CONFIRM, "date", date.get().toString()));
        return Step.say(confirming, new Reply(texts.get(language, "deferral.confirm", debtCase.creditor(),
                debtCase.reference(), Dates.format(language, date.get())), YesNo.choices(texts, language)));
    }

    private Future<Step> confirm(TurnContext turn, DebtCase debtCase) {
        Language language = turn.language();
        return switch (turn.understanding().intent()) {
            case AFFIRM -> {
                var payBy = LocalDate.parse(turn.state().slots().get("date"));
                yield caseApi.requestDeferral(debtCase.id(), new DeferralRequest(payBy),
                                IdempotencyKeys.of(turn, "deferral", debtCase.id()))
                        .map(receipt -> Step.say(turn.state().idle(), Reply.of(texts.get(language, "deferral.created",
                                debtCase.creditor(), debtCase.reference(), Dates.format(language, payBy)))))
                        .recover(failure -> failure instanceof CaseApiException e && e.kind() == CaseApiException.Kind.REJECTED
                                ? Future.succeededFuture(Step.say(turn.state().idle(),
                                        Reply.of(texts.get(language, "deferral.rejected"))))
                                : Future.failedFuture(failure));
            }
            case DENY -> Future.succeededFuture(Step.say(turn.state().idle(), Reply.of(texts.get(language, "deferral.cancelled"))));
            default -> Future.succeededFuture(Step.say(turn.state(), new Reply(texts.get(language, "deferral.reask",
                    debtCase.creditor(), Dates.format(language, LocalDate.parse(turn.state().slots().get("date")))),
                    YesNo.choices(texts, language))));
        };
    }
}
