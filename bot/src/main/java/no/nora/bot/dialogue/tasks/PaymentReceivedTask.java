package no.nora.bot.dialogue.tasks;

import io.vertx.core.Future;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.nora.bot.caseapi.CaseApi;
import no.nora.bot.caseapi.CaseStatus;
import no.nora.bot.caseapi.DebtCase;
import no.nora.bot.caseapi.Payment;
import no.nora.bot.conversation.Link;
import no.nora.bot.dialogue.Reply;
import no.nora.bot.dialogue.Step;
import no.nora.bot.dialogue.Task;
import no.nora.bot.dialogue.TurnContext;
import no.nora.bot.dialogue.Words;
import no.nora.bot.text.Dates;
import no.nora.bot.text.Money;
import no.nora.bot.text.Texts;
import no.nora.intents.Intent;
import no.nora.intents.Language;

/**
 * "Har dere fått betalingen min?" – the latest registered payment and where the case stands now, or that nothing is
 * registered yet (bank transfers take 1–3 banking days). A receipt goes through My Page's receipt form: the chat
 * takes no attachments, so it links there rather than queueing for a person.
 */
public final class PaymentReceivedTask implements Task {
    private static final Set<String> RECEIPT_WORDS = Set.of("kvittering", "kvitteringen", "kvitteringa", "receipt",
            "betalingsbekreftelse");

    private final CaseApi caseApi;
    private final Texts texts;
    private final CaseSelection cases;
    private final CaseStanding standing;

    public PaymentReceivedTask(CaseApi caseApi, Texts texts) {
        this.caseApi = caseApi;
        this.texts = texts;
        this.cases = new CaseSelection(caseApi, texts);
        this.standing = new CaseStanding(texts);
    }

    @Override
    public Intent intent() {
        return Intent.PAYMENT_RECEIVED;
    }

    @Override
    public Future<Step> start(TurnContext turn) {
        if (Words.of(turn.text().text()).stream().anyMatch(RECEIPT_WORDS::contains)) {
            return Future.succeededFuture(Step.say(turn.state().idle(), receipt(turn.language())));
        }
        return cases.select(turn, intent().label(), c -> true, "case.none").compose(outcome -> {
            if (outcome.instead().isPresent()) {
                return Future.succeededFuture(outcome.instead().get());
            }
            var debtCase = outcome.selected().get();
            var state = outcome.turn().state().idle().withCase(Optional.of(debtCase.id()));
            return caseApi.payments(debtCase.id()).map(payments -> Step.say(state, answer(outcome.turn(), debtCase,
                    payments.stream().max(Comparator.comparing(Payment::registeredOn)))));
        });
    }

    @Override
    public Future<Optional<Reply>> reask(TurnContext turn) {
        return cases.reask(turn);
    }

    private Reply answer(TurnContext turn, DebtCase c, Optional<Payment> latest) {
        Language language = turn.language();
        if (latest.isEmpty()) {
            if (c.status().settled()) {
                return Reply.of(standing.settled(language, c));
            }
            var link = receiptLink(language);
            return new Reply(texts.get(language, "payment.none", c.creditor(), c.reference()) + " "
                    + texts.get(language, "payment.receipt"), List.of(), List.of(link));
        }
        String found = texts.get(language, "payment.found", Money.format(language, latest.get().amount()),
                Dates.format(language, latest.get().registeredOn()), c.creditor(), c.reference());
        if (c.status().settled()) {
            return Reply.of(found + " " + texts.get(language,
                    c.status() == CaseStatus.PAID ? "payment.paid-in-full" : "case.closed.short"));
        }
        String left = texts.get(language, "payment.left", Money.format(language, c.balance()));
        return Reply.of(found + " " + left + " " + standing.of(language, c, turn.today()));
    }

    private Reply receipt(Language language) {
        return Reply.withLink(texts.get(language, "payment.receipt"), receiptLink(language));
    }

    private Link receiptLink(Language language) {
        return new Link(texts.get(language, "link.receipt"), texts.get(language, "link.receipt.url"));
    }
}
