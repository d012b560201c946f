package no.nora.bot.dialogue.tasks;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import no.nora.bot.caseapi.CaseApi;
import no.nora.bot.caseapi.CaseApiException;
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

/** "Kan jeg få utsatt betalingen til 15.12?" – a date within the case's limit, confirmed, then requested. */
public final class DeferralTask implements Task {
    private static final String ASK_DATE = "ask_date";
    private static final String CONFIRM = "confirm";

    private final CaseApi caseApi;
    private final Texts texts;
    private final CaseSelection cases;

    public DeferralTask(CaseApi caseApi, Texts texts) {
        this.caseApi = caseApi;
        this.texts = texts;
        this.cases = new CaseSelection(caseApi, texts);
    }

    @Override
    public Intent intent() {
        return Intent.DEFERRAL_REQUEST;
    }

    @Override
    public Future<Step> start(TurnContext turn) {
        return cases.select(turn, intent().label(), c -> c.balance().signum() > 0).map(outcome -> outcome.instead()
                .orElseGet(() -> askOrConfirm(turn, outcome.selected().get())));
    }

    @Override
    public Future<Step> resume(TurnContext turn) {
        String step = turn.state().slots().getOrDefault(CaseSelection.STEP, "");
        if (turn.state().caseId().isEmpty() || !(step.equals(ASK_DATE) || step.equals(CONFIRM))) {
            return start(turn);
        }
        return caseApi.debtCase(turn.state().caseId().get()).compose(debtCase ->
                step.equals(CONFIRM) && turn.understanding().entity("date").isEmpty()
                        ? confirm(turn, debtCase)
                        : Future.succeededFuture(askOrConfirm(turn, debtCase)));
    }

    private Step askOrConfirm(TurnContext turn, DebtCase debtCase) {
        Language language = turn.language();
        var state = turn.state().withCase(Optional.of(debtCase.id()));
        LocalDate latest = debtCase.rules().latestDeferralDate();
        var date = turn.understanding().entity("date").map(e -> LocalDate.parse(String.valueOf(e.value())));
        var asking = state.withTask(Optional.of(intent().label()), Map.of(CaseSelection.STEP, ASK_DATE));
        if (latest == null || !latest.isAfter(turn.today())) {
            return Step.say(state.idle(), Reply.of(texts.get(language, "deferral.not-possible", debtCase.creditor())));
        }
        if (date.isEmpty()) {
            return Step.say(asking, Reply.of(texts.get(language, "deferral.ask", Dates.format(language, latest))));
        }
        if (!date.get().isAfter(turn.today()) || date.get().isAfter(latest)) {
            return Step.say(asking, Reply.of(texts.get(language, "deferral.out-of-range", Dates.format(language, latest))));
        }
        var confirming = state.withTask(Optional.of(intent().label()),
                Map.of(CaseSelection.STEP, CONFIRM, "date", date.get().toString()));
        return Step.say(confirming, new Reply(texts.get(language, "deferral.confirm", debtCase.creditor(),
                Dates.format(language, date.get())), YesNo.choices(texts, language)));
    }

    private Future<Step> confirm(TurnContext turn, DebtCase debtCase) {
        Language language = turn.language();
        return switch (turn.understanding().intent()) {
            case AFFIRM -> {
                var payBy = LocalDate.parse(turn.state().slots().get("date"));
                yield caseApi.requestDeferral(debtCase.id(), new DeferralRequest(payBy),
                                IdempotencyKeys.of(turn, "deferral", debtCase.id()))
                        .map(receipt -> Step.say(turn.state().idle(), Reply.of(texts.get(language, "deferral.created",
                                Dates.format(language, payBy)))))
                        .recover(failure -> failure instanceof CaseApiException e && e.kind() == CaseApiException.Kind.REJECTED
                                ? Future.succeededFuture(Step.say(turn.state().idle(),
                                        Reply.of(texts.get(language, "deferral.rejected"))))
                                : Future.failedFuture(failure));
            }
            case DENY -> Future.succeededFuture(Step.say(turn.state().idle(), Reply.of(texts.get(language, "deferral.cancelled"))));
            default -> Future.succeededFuture(Step.say(turn.state(),
                    new Reply(texts.get(language, "question.yes-no"), YesNo.choices(texts, language))));
        };
    }
}
