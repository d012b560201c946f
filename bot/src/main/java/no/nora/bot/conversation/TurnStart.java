package no.nora.bot.conversation;

import java.util.List;
import java.util.Optional;

/**
 * What a debtor's turn starts from, read at once: the conversation's state and, when the client sent a key, the
 * message ids an earlier try of the same turn produced (so a retried request is answered alike, not twice).
 */
public record TurnStart(ConversationState state, Optional<List<String>> earlierTry) {
}
