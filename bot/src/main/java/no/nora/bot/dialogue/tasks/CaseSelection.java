package no.nora.bot.dialogue.tasks;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import no.nora.bot.caseapi.CaseApi;
import no.nora.bot.caseapi.DebtCase;
import no.nora.bot.conversation.Choice;
import no.nora.bot.conversation.ConversationState;
import no.nora.bot.dialogue.Dialogue;
import no.nora.bot.dialogue.Reply;
import no.nora.bot.dialogue.Step;
import no.nora.bot.dialogue.TurnContext;
import no.nora.bot.dialogue.Words;
import no.nora.bot.text.Money;
import no.nora.bot.text.Texts;

/**
 * Which case a task is about. Only the authenticated debtor's cases are ever looked at: the signed-in debtor's on
 * the web, the reminder's case on SMS. One case is taken as it is; several are listed briefly and the debtor picks
 * one by number or creditor name.
 */
final class CaseSelection {
    static final String STEP = "step";
    static final String CHOOSING = "choose_case";

    /** Either the case, or what to say instead (a question, or why there is nothing to show). */
    record Outcome(Optional<DebtCase> selected, Optional<Step> instead) {
        static Outcome of(DebtCase debtCase) {
            return new Outcome(Optional.of(debtCase), Optional.empty());
        }

        static Outcome say(Step step) {
            return new Outcome(Optional.empty(), Optional.of(step));
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

    /**
     * Picks the case for {@code task}, considering only cases that pass {@code relevant}. The question it may ask is
     * stored in the slots, so the task's resume comes back here with the answer.
     */
    Future<Outcome> select(TurnContext turn, String task, Predicate<DebtCase> relevant) {
        var state = turn.state();
        if (!state.signedIn() && state.caseId().isEmpty()) {
            return Future.succeededFuture(Outcome.say(Step.say(state.idle(),
                    Reply.of(texts.get(turn.language(), "case.sign-in")))));
        }
        return visibleCases(state).map(all -> {
            var cases = all.stream().filter(relevant).toList();
            if (cases.isEmpty()) {
                return Outcome.say(Step.say(state.idle(), Reply.of(texts.get(turn.language(), "case.none"))));
            }
            if (cases.size() == 1) {
                return Outcome.of(cases.get(0));
            }
            var answered = answer(turn, cases);
            if (answered.isPresent()) {
                return Outcome.of(answered.get());
            }
            if (state.caseId().isPresent() && !CHOOSING.equals(state.slots().get(STEP))) {
                var current = cases.stream().filter(c -> c.id().equals(state.caseId().get())).findFirst();
                if (current.isPresent()) {
                    return Outcome.of(current.get());
                }
            }
            return Outcome.say(ask(turn, task, cases));
        });
    }

    /** A chosen number ("2", "nr 2", "den andre") or a creditor's name among the offered cases. */
    private static Optional<DebtCase> answer(TurnContext turn, List<DebtCase> cases) {
        var choice = turn.understanding().entity("choice").map(e -> ((Number) e.value()).intValue());
        if (choice.isPresent() && choice.get() >= 1 && choice.get() <= cases.size()) {
            return Optional.of(cases.get(choice.get() - 1));
        }
        var words = Words.of(turn.text().text());
        var named = cases.stream().filter(c -> distinctiveWords(c.creditor()).stream().anyMatch(words::contains)).toList();
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    /** "Elkjøp Nordic AS" is chosen by "elkjøp": company-form and country words say nothing about which case. */
    private static List<String> distinctiveWords(String creditor) {
        var generic = java.util.Set.of("as", "asa", "ab", "ans", "da", "sa", "norge", "norway", "nordic", "norden", "og", "and");
        return Words.of(creditor).stream().filter(w -> w.length() >= 3 && !generic.contains(w)).toList();
    }

    private Step ask(TurnContext turn, String task, List<DebtCase> cases) {
        var lines = new StringBuilder(texts.get(turn.language(), "case.choose"));
        var choices = new ArrayList<Choice>();
        // A button sends the creditor's name, so the debtor sees what they chose; a bare number works as well.
        boolean namesDiffer = cases.stream().map(DebtCase::creditor).distinct().count() == cases.size();
        for (int i = 0; i < cases.size(); i++) {
            var c = cases.get(i);
            lines.append('\n').append(i + 1).append(". ").append(c.creditor()).append(" – ")
                    .append(Money.format(turn.language(), c.balance())).append(" (").append(c.reference()).append(')');
            choices.add(new Choice(c.creditor(), namesDiffer ? c.creditor() : Integer.toString(i + 1)));
        }
        var slots = new HashMap<>(turn.state().slots());
        slots.put(STEP, CHOOSING);
        slots.put(Dialogue.EXPECTED_WORDS, String.join("|", cases.stream()
                .flatMap(c -> distinctiveWords(c.creditor()).stream()).toList()));
        var state = turn.state().withTask(Optional.of(task), slots);
        return Step.say(state, new Reply(lines.toString(), choices));
    }
}
