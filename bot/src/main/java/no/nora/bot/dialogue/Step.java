package no.nora.bot.dialogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.nora.bot.conversation.ConversationState;
import no.nora.bot.handoff.HandoffReason;

/** What a task decided for one turn: the new state, what to say, and whether a person should take over. */
public record Step(ConversationState state, List<Reply> replies, Optional<HandoffReason> handoff) {

    public Step {
        replies = List.copyOf(replies);
    }

    public static Step say(ConversationState state, Reply... replies) {
        return new Step(state, List.of(replies), Optional.empty());
    }

    public static Step handOver(ConversationState state, HandoffReason reason, Reply... replies) {
        return new Step(state, List.of(replies), Optional.of(reason));
    }

    /** This step's replies followed by another's; the later step's state and handoff win. */
    public Step then(Step next) {
        var all = new ArrayList<>(replies);
        all.addAll(next.replies);
        return new Step(next.state, all, next.handoff.or(() -> handoff));
    }
}
