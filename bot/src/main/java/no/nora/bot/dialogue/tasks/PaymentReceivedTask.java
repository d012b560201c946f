package no.nora.bot.dialogue.tasks;

import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import no.nora.bot.caseapi.CaseApi;
import no.nora.bot.caseapi.Payment;
import no.nora.bot.dialogue.Reply;
import no.nora.bot.dialogue.Step;
import no.nora.bot.dialogue.Task;
import no.nora.bot.dialogue.TurnContext;
import no.nora.bot.handoff.HandoffReason;
import no.nora.bot.text.Dates;
import no.nora.bot.text.Money;
import no.nora.bot.text.Texts;
import no.nora.intents.Intent;

/**
 * "Har dere fått betalingen min?" – the latest registered payment and what is left, or that nothing is registered
 * yet (bank transfers take 1–3 banking days) with the offer to pass a receipt to a person.
 */
public final class PaymentReceivedTask implements Task {
    private static final String OFFERED_RECEIPT = "offer_receipt";

    private final CaseApi caseApi;
    private final Texts texts;
    private final CaseSelection cases;

    public PaymentReceivedTask(CaseApi caseApi, Texts texts) {
        this.caseApi = caseApi;
        this.texts = texts;
        this.cases = new CaseSelection(caseApi, texts);
    }

    @Override
    public Intent intent() {
        return Intent.PAYMENT_RECEIVED;
    }

    @Override
    public Future<Step> start(TurnContext turn) {
        return cases.select(turn, intent().label(), c -> true).compose(outcome -> {
            if (outcome.instead().isPresent()) {
                return Future.succeededFuture(outcome.instead().get());
            }
            var debtCase = outcome.selected().get();
            var language = turn.language();
            var state = turn.state().withCase(Optional.of(debtCase.id()));
            return caseApi.payments(debtCase.id()).map(payments -> {
                var latest = payments.stream().max(Comparator.comparing(Payment::registeredOn));
                if (latest.isPresent()) {
                    String key = debtCase.balance().compareTo(BigDecimal.ZERO) <= 0 ? "payment.found.paid" : "payment.found";
                    return Step.say(state.idle(), Reply.of(texts.get(language, key,
                            Money.format(language, latest.get().amount()), Dates.format(language, latest.get().registeredOn()),
                            Money.format(language, debtCase.balance()), debtCase.creditor())));
                }
                var asking = state.withTask(Optional.of(intent().label()), Map.of(CaseSelection.STEP, OFFERED_RECEIPT));
                return Step.say(asking, new Reply(texts.get(language, "payment.none", debtCase.creditor()), YesNo.choices(texts, language)));
            });
        });
    }

    @Override
    public Future<Step> resume(TurnContext turn) {
        if (!OFFERED_RECEIPT.equals(turn.state().slots().get(CaseSelection.STEP))) {
            return start(turn);
        }
        var language = turn.language();
        return Future.succeededFuture(switch (turn.understanding().intent()) {
            case AFFIRM -> Step.handOver(turn.state().idle(), HandoffReason.REQUESTED,
                    Reply.of(texts.get(language, "payment.receipt.handoff")));
            case DENY -> Step.say(turn.state().idle(), Reply.of(texts.get(language, "deny.idle")));
            default -> Step.say(turn.state(), new Reply(texts.get(language, "question.yes-no"), YesNo.choices(texts, language)));
        });
    }
}
