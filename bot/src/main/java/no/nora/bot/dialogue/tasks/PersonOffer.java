package no.nora.bot.dialogue.tasks;

import java.util.Map;
import java.util.Optional;
import no.nora.bot.conversation.ConversationState;
import no.nora.bot.dialogue.Reply;
import no.nora.bot.dialogue.Step;
import no.nora.bot.dialogue.TurnContext;
import no.nora.bot.handoff.HandoffReason;
import no.nora.bot.text.Texts;

/**
 * "Skal jeg sette deg over?" – what a task asks when only a person can do what the debtor wants (change a plan, a
 * case in legal collection): yes hands over, no leaves it.
 */
final class PersonOffer {
    static final String STEP = "to_person";

    private final Texts texts;

    PersonOffer(Texts texts) {
        this.texts = texts;
    }

    /** {@code why}, then the offer of a person. */
    Step ask(ConversationState state, String task, String why) {
        return Step.say(state.withTask(Optional.of(task), Map.of(CaseSelection.STEP, STEP)),
                new Reply(why + " " + texts.get(state.language(), "person.question"), YesNo.choices(texts, state.language())));
    }

    static boolean asked(ConversationState state) {
        return STEP.equals(state.slots().get(CaseSelection.STEP));
    }

    Step answer(TurnContext turn) {
        var language = turn.language();
        return switch (turn.understanding().intent()) {
            case AFFIRM -> Step.handOver(turn.state().idle(), HandoffReason.REQUESTED,
                    Reply.of(texts.get(language, "handoff.requested")));
            case DENY -> Step.say(turn.state().idle(), Reply.of(texts.get(language, "deny.idle")));
            default -> Step.say(turn.state(), reask(turn.state()));
        };
    }

    Reply reask(ConversationState state) {
        return new Reply(texts.get(state.language(), "person.reask"), YesNo.choices(texts, state.language()));
    }
}
