package no.nora.bot.dialogue;

import java.time.LocalDate;
import no.nora.bot.conversation.ConversationState;
import no.nora.intents.Language;
import no.nora.intents.Understanding;
import no.nora.redact.RedactedText;

/** One debtor message as a task sees it: the conversation so far, the redacted text and what it was understood as. */
public record TurnContext(ConversationState state, RedactedText text, Understanding understanding, LocalDate today) {

    public Language language() {
        return state.language();
    }
}
