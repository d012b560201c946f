package no.nora.bot.dialogue.tasks;

import no.nora.bot.dialogue.TurnContext;

/**
 * The key a write to the case API carries: the conversation, the debtor's message that caused it, what and on which
 * case. A retried turn or request therefore never orders twice.
 */
final class IdempotencyKeys {
    private IdempotencyKeys() {
    }

    static String of(TurnContext turn, String what, String caseId) {
        return turn.state().id() + ":" + turn.state().lastDebtorMessageId().orElse("start") + ":" + what + ":" + caseId;
    }
}
