package no.nora.bot.conversation;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * What follows a turn's writes: its events announced on the conversation's topic and, when nothing else is left to
 * do in the turn, its hold released so the conversation's next turn may start. A store whose commit can do both in
 * the same step does ({@link ConversationStore#commitTurn(ConversationState, List, Optional, TurnClose)}): with
 * Redis, inside the commit's script, so nothing can come between the writes, the events and the release, and a turn
 * makes two round trips fewer.
 *
 * @param topic  the conversation's events topic
 * @param events the turn's events, in order
 * @param hold   the hold to release; empty when the turn goes on after its commit (an SMS turn sends its reply
 *               before the next turn may start)
 */
public record TurnClose(String topic, List<JsonObject> events, Optional<TurnHold> hold) {
}
