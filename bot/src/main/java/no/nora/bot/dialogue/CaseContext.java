package no.nora.bot.dialogue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import no.nora.bot.caseapi.DebtCase;
import no.nora.bot.conversation.ConversationState;
import no.nora.intents.Intent;

/**
 * What the conversation remembers about its cases between tasks: the words that name them (creditors, references),
 * so that naming a case switches to it at any point, and the last case task done, so that "og Fjordkraft?" repeats
 * it for another case. Kept in context slots, which outlive a task.
 */
public final class CaseContext {
    static final String NAMES = ConversationState.CONTEXT + "names";
    static final String LAST_TASK = ConversationState.CONTEXT + "did";

    /** Tasks about one case: the ones a follow-up naming another case repeats. */
    static final Set<Intent> CASE_TASKS = Set.of(Intent.INVOICE_COPY, Intent.PAYMENT_RECEIVED,
            Intent.INSTALMENT_REQUEST, Intent.DEFERRAL_REQUEST, Intent.BALANCE_INQUIRY);

    /** Company-form and country words say nothing about which case is meant. */
    private static final Set<String> GENERIC = Set.of("as", "asa", "ab", "ans", "da", "sa", "norge", "norway",
            "nordic", "norden", "og", "and", "bank", "services", "consumer", "energi", "strøm");

    private CaseContext() {
    }

    /** "Elkjøp Nordic AS" is named by "elkjøp". */
    public static List<String> distinctiveWords(String creditor) {
        return Words.of(creditor).stream().filter(w -> w.length() >= 3 && !GENERIC.contains(w)).toList();
    }

    /** Remembers the words naming {@code cases}. */
    public static ConversationState remember(ConversationState state, List<DebtCase> cases) {
        String names = String.join("|", cases.stream()
                .flatMap(c -> Stream.concat(distinctiveWords(c.creditor()).stream(),
                        Stream.of(c.reference().toLowerCase(Locale.ROOT))))
                .distinct().toList());
        return names.equals(state.slots().get(NAMES)) ? state : state.withSlot(NAMES, names);
    }

    /** Whether {@code text} names one of the cases seen in this conversation. */
    static boolean mentionsACase(ConversationState state, String text) {
        var names = state.slot(NAMES);
        if (names.isEmpty() || names.get().isEmpty()) {
            return false;
        }
        var words = Words.of(text);
        String lower = text.toLowerCase(Locale.ROOT);
        return Arrays.stream(names.get().split("\\|"))
                .anyMatch(name -> name.contains("-") ? lower.contains(name) : words.contains(name));
    }

    static Optional<Intent> lastTask(ConversationState state) {
        return state.slot(LAST_TASK).flatMap(Intent::fromLabel);
    }

    static ConversationState done(ConversationState state, Intent task) {
        return CASE_TASKS.contains(task) && state.task().isEmpty() ? state.withSlot(LAST_TASK, task.label()) : state;
    }
}
