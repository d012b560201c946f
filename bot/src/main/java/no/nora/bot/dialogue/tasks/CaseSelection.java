package no.nora.bot.dialogue.tasks;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import no.nora.bot.caseapi.CaseApi;
import no.nora.bot.caseapi.DebtCase;
import no.nora.bot.conversation.Channel;
import no.nora.bot.conversation.Choice;
import no.nora.bot.conversation.ConversationState;
import no.nora.bot.conversation.Link;
import no.nora.bot.dialogue.CaseContext;
import no.nora.bot.dialogue.Reply;
import no.nora.bot.dialogue.Step;
import no.nora.bot.dialogue.TurnContext;
import no.nora.bot.dialogue.Words;
import no.nora.bot.text.Money;
import no.nora.bot.text.Texts;

/**
 * Which case a task is about. Only the authenticated debtor's cases are ever looked at: the signed-in debtor's on
 * the web, the reminder's case on SMS. A case named in the message (creditor or reference) wins, at any point; then
 * the case chosen earlier in the conversation; one case is taken as it is; otherwise the cases are listed briefly
 * and the debtor picks one by number, creditor or reference.
 */
final class CaseSelection {
    static final String STEP = "step";
    static final String CHOOSING = "choose_case";
    /** How many times an anonymous visitor has been asked to sign in: the second answer is shorter. */
    private static final String SIGN_IN_ASKED = ConversationState.CONTEXT + "signin";

    /**
     * Either the case, or what to say instead (a question, or why there is nothing to show); {@code turn} is the
     * turn as the task goes on with it, the conversation now knowing the names of the debtor's cases.
     */
    record Outcome(Optional<DebtCase> selected, Optional<Step> instead, TurnContext turn) {
        static Outcome of(DebtCase debtCase, TurnContext turn) {
            return new Outcome(Optional.of(debtCase), Optional.empty(), turn);
        }

        static Outcome say(Step step, TurnContext turn) {
            return new Outcome(Optional.empty(), Optional.of(step), turn);
        }
    }

    private final CaseApi caseApi;
    private final Texts texts;

    CaseSelection(CaseApi caseApi, Texts texts) {
        this.caseApi = caseApi;
        this.texts = texts;
    }

    /** The cases this conversation may see; empty for an anonymous web chat. */
    Future<List<DebtCase>> visibleCases(ConversationState state) {
        if (state.debtorId().isPresent()) {
            return caseApi.casesForDebtor(state.debtorId().get());
        }
        if (state.phone().isPresent() && state.caseId().isPresent()) {
            return caseApi.debtCase(state.caseId().get()).map(List::of);
        }
        return Future.succeededFuture(List.of());
    }

    /** Whether this conversation can see any case at all (signed in, or an SMS reply to a reminder). */
    static boolean knowsDebtor(ConversationState state) {
        return state.signedIn() || state.phone().isPresent() && state.caseId().isPresent();
    }

    /** What to say when the conversation cannot see cases: sign in (web), or no case for this number (SMS). */
    Step cannotSeeCases(TurnContext turn) {
        var state = turn.state().idle();
        var language = turn.language();
        if (state.channel() == Channel.SMS) {
            return Step.say(state, Reply.of(texts.get(language, "case.sms-unknown-number")));
        }
        boolean again = state.slot(SIGN_IN_ASKED).isPresent();
        var link = new Link(texts.get(language, "link.sign-in"), Link.SIGN_IN);
        return Step.say(state.withSlot(SIGN_IN_ASKED, "1"),
                Reply.withLink(texts.get(language, again ? "case.sign-in.again" : "case.sign-in"), link));
    }

    /**
     * Picks the case for {@code task}, considering only cases that pass {@code relevant}; {@code noneKey} says why
     * there is none. The question it may ask is stored in the slots, so the task's resume comes back here.
     */
    Future<Outcome> select(TurnContext turn, String task, Predicate<DebtCase> relevant, String noneKey) {
        var state = turn.state();
        if (!knowsDebtor(state)) {
            return Future.succeededFuture(Outcome.say(cannotSeeCases(turn), turn));
        }
        return visibleCases(state).map(all -> {
            var withNames = CaseContext.remember(state, all);
            var context = new TurnContext(withNames, turn.text(), turn.understanding(), turn.today());
            var named = named(context, all);
            if (named.isPresent()) {
                // Named outright: answered for that case even when it does not fit (the task says why).
                return Outcome.of(named.get(), context);
            }
            var cases = all.stream().filter(relevant).toList();
            if (cases.isEmpty()) {
                return Outcome.say(Step.say(withNames.idle(), Reply.of(texts.get(turn.language(),
                        all.isEmpty() ? "case.none" : noneKey))), context);
            }
            if (cases.size() == 1) {
                return Outcome.of(cases.get(0), context);
            }
            var chosen = chosenByNumber(context, cases);
            if (chosen.isPresent()) {
                return Outcome.of(chosen.get(), context);
            }
            if (state.caseId().isPresent() && !CHOOSING.equals(state.slots().get(STEP))) {
                var current = cases.stream().filter(c -> c.id().equals(state.caseId().get())).findFirst();
                if (current.isPresent()) {
                    return Outcome.of(current.get(), context);
                }
            }
            return Outcome.say(ask(context, task, cases), context);
        });
    }

    /** A case named by its creditor or its reference, when exactly one matches. */
    static Optional<DebtCase> named(TurnContext turn, List<DebtCase> cases) {
        var words = Words.of(turn.text().text());
        String lower = turn.text().text().toLowerCase(Locale.ROOT);
        var byReference = cases.stream().filter(c -> lower.contains(c.reference().toLowerCase(Locale.ROOT))).toList();
        if (byReference.size() == 1) {
            return Optional.of(byReference.get(0));
        }
        var byCreditor = cases.stream()
                .filter(c -> CaseContext.distinctiveWords(c.creditor()).stream().anyMatch(words::contains)).toList();
        return byCreditor.size() == 1 ? Optional.of(byCreditor.get(0)) : Optional.empty();
    }

    /**
     * "2", "nr 2", "den andre" – while the debtor is choosing from the list, or correcting a choice ("nei, den
     * andre"): with two cases, "the other" is the one not chosen.
     */
    private static Optional<DebtCase> chosenByNumber(TurnContext turn, List<DebtCase> cases) {
        var state = turn.state();
        boolean choosing = CHOOSING.equals(state.slots().get(STEP));
        boolean correcting = turn.understanding().intent() == no.nora.intents.Intent.DENY;
        var choice = turn.understanding().entity("choice").map(e -> ((Number) e.value()).intValue());
        if (choice.isEmpty() || !(choosing || correcting)) {
            return Optional.empty();
        }
        if (correcting && cases.size() == 2 && state.caseId().isPresent() && isTheOther(turn)) {
            return cases.stream().filter(c -> !c.id().equals(state.caseId().get())).findFirst();
        }
        int n = choice.get();
        return n >= 1 && n <= cases.size() ? Optional.of(cases.get(n - 1)) : Optional.empty();
    }

    private static boolean isTheOther(TurnContext turn) {
        var words = Words.of(turn.text().text());
        return words.contains("andre") || words.contains("other") || words.contains("hin");
    }

    /** After a question in between: the list again, briefly, when the debtor was choosing a case. */
    Future<Optional<Reply>> reask(TurnContext turn) {
        if (!CHOOSING.equals(turn.state().slots().get(STEP))) {
            return Future.succeededFuture(Optional.empty());
        }
        return visibleCases(turn.state()).map(all -> {
            var choices = all.stream().map(c -> new Choice(c.creditor(), c.creditor())).toList();
            return Optional.of(new Reply(texts.get(turn.language(), "case.reask"), choices));
        });
    }

    private Step ask(TurnContext turn, String task, List<DebtCase> cases) {
        var language = turn.language();
        var lines = new StringBuilder(texts.get(language, "case.choose"));
        var choices = new ArrayList<Choice>();
        // A button sends the creditor's name, so the debtor sees what they chose; a bare number works as well.
        boolean namesDiffer = cases.stream().map(DebtCase::creditor).distinct().count() == cases.size();
        for (int i = 0; i < cases.size(); i++) {
            var c = cases.get(i);
            lines.append('\n').append(i + 1).append(". ").append(c.creditor()).append(" – ")
                    .append(Money.format(language, c.balance())).append(" (").append(c.reference()).append(')');
            choices.add(new Choice(c.creditor(), namesDiffer ? c.creditor() : Integer.toString(i + 1)));
        }
        var slots = new HashMap<>(turn.state().slots());
        slots.put(STEP, CHOOSING);
        var state = turn.state().withTask(Optional.of(task), slots);
        return Step.say(state, new Reply(lines.toString(), choices));
    }
}
