package no.nora.channels.agent;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import no.nora.bot.caseapi.CaseApi;
import no.nora.bot.caseapi.DebtCase;
import no.nora.bot.caseapi.Payment;
import no.nora.bot.conversation.Channel;
import no.nora.bot.conversation.ConversationState;
import no.nora.bot.text.Money;
import no.nora.intents.Language;
import no.nora.redact.Redactor;

/**
 * The debtor beside the transcript: their cases with payments and the reminder they got, read through the same case
 * API client as the bot and for the same debtor only – the My Page id of a signed-in chat, or the number an SMS came
 * from. An anonymous web chat shows no cases, as the bot shows it none. Texts from the case system pass the redactor:
 * the agent view is a sink like any other.
 */
final class DebtorPanel {
    private final CaseApi caseApi;

    DebtorPanel(CaseApi caseApi) {
        this.caseApi = caseApi;
    }

    /** Who the case API knows the debtor as, if anyone: the same debtor gives the same key. */
    static java.util.Optional<String> debtorOf(ConversationState state) {
        if (state.debtorId().isPresent()) {
            return state.debtorId().map(id -> "debtor:" + id);
        }
        return state.channel() == Channel.SMS ? state.phone().map(phone -> "phone:" + phone) : java.util.Optional.empty();
    }

    Future<JsonObject> of(ConversationState state) {
        Future<List<DebtCase>> cases;
        if (state.debtorId().isPresent()) {
            cases = caseApi.casesForDebtor(state.debtorId().get());
        } else if (state.channel() == Channel.SMS && state.phone().isPresent()) {
            cases = caseApi.casesForPhone(state.phone().get());
        } else {
            cases = Future.succeededFuture(List.of());
        }
        var reminder = state.channel() == Channel.SMS && state.phone().isPresent()
                ? caseApi.reminderSentTo(state.phone().get()).map(r -> new JsonObject().put("sent", r.sent())
                        .put("lastSentAt", r.lastSentAt().map(no.nora.bot.text.Timestamps::text).orElse(null)))
                : Future.<JsonObject>succeededFuture(null);
        var panel = new JsonObject()
                .put("identified", state.debtorId().isPresent() ? "my-page" : state.channel() == Channel.SMS ? "phone" : "anonymous");
        return cases.compose(found -> withPayments(found, state.language()))
                .map(list -> panel.put("cases", new JsonArray(list)).put("caseApi", "ok"))
                .recover(e -> Future.succeededFuture(panel.put("cases", new JsonArray()).put("caseApi", "unavailable")))
                .compose(p -> reminder.map(r -> p.put("reminder", r))
                        .recover(e -> Future.succeededFuture(p)));
    }

    private Future<List<JsonObject>> withPayments(List<DebtCase> cases, Language debtorLanguage) {
        var all = new ArrayList<Future<JsonObject>>();
        for (DebtCase c : cases) {
            all.add(caseApi.payments(c.id()).recover(e -> Future.succeededFuture(List.of()))
                    .map(payments -> caseJson(c, payments, debtorLanguage)));
        }
        return Future.all(all).map(done -> all.stream().map(Future::result).toList());
    }

    private static JsonObject caseJson(DebtCase c, List<Payment> payments, Language debtorLanguage) {
        return new JsonObject()
                .put("id", clean(c.id()))
                .put("creditor", clean(c.creditor()))
                .put("reference", clean(c.reference()))
                .put("status", c.status().name().toLowerCase(java.util.Locale.ROOT))
                .put("balance", Money.format(Language.NB, c.balance()))
                // For canned replies in the debtor's language: {balance} as the debtor reads amounts.
                .put("balanceForDebtor", Money.format(debtorLanguage, c.balance()))
                .put("original", Money.format(Language.NB, c.originalAmount()))
                .put("fees", Money.format(Language.NB, c.fees()))
                .put("dueDate", c.dueDate().toString())
                .put("instalmentsAllowed", c.rules().instalmentsAllowed())
                .put("latestDeferralDate", c.rules().latestDeferralDate() == null ? null : c.rules().latestDeferralDate().toString())
                .put("payments", new JsonArray(payments.stream().map(p -> new JsonObject()
                        .put("amount", Money.format(Language.NB, p.amount()))
                        .put("registeredOn", p.registeredOn().toString())).toList()));
    }

    private static String clean(String text) {
        return text == null ? null : Redactor.redact(text).text();
    }
}
