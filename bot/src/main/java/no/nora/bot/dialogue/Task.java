package no.nora.bot.dialogue;

import io.vertx.core.Future;
import java.util.Optional;
import no.nora.intents.Intent;

/**
 * One thing a debtor can get done (an invoice copy, a payment check, an instalment plan …), written as the
 * conversation it implements. A task that asks a question stores it in the state's slots and is resumed with the
 * answer.
 */
public interface Task {

    /** The intent that starts this task; also the task's name in the conversation state. */
    Intent intent();

    /** The debtor asked for this task now. */
    Future<Step> start(TurnContext turn);

    /** The debtor answered a question this task asked. By default, the answer starts the task over. */
    default Future<Step> resume(TurnContext turn) {
        return start(turn);
    }

    /**
     * The open question, asked again briefly after the debtor asked something else in between; empty when the
     * question is better dropped.
     */
    default Future<Optional<Reply>> reask(TurnContext turn) {
        return Future.succeededFuture(Optional.empty());
    }
}
