package no.nora.bot.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import no.nora.bot.conversation.Channel;
import no.nora.bot.conversation.ConversationState;
import no.nora.intents.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HandoffTransitionsTest {
    /** The state machine, written out independently of the table under test. */
    private static final Set<String> ALLOWED = Set.of(
            "bot→queued", "queued→assigned", "queued→expired", "assigned→bot", "assigned→closed", "assigned→queued",
            "expired→queued", "expired→bot", "closed→bot");

    @ParameterizedTest
    @EnumSource(HandoffStatus.class)
    void everyMoveOutOfAStatusIsAllowedOrRefusedAsTheTableSays(HandoffStatus from) {
        for (HandoffStatus to : HandoffStatus.values()) {
            var state = in(from, Optional.of("kari"));
            String move = from.code() + "→" + to.code();
            if (from == to) {
                assertThat(HandoffTransitions.apply(state, to, Optional.of("kari")).changed()).as(move).isFalse();
            } else if (ALLOWED.contains(move)) {
                var outcome = HandoffTransitions.apply(state, to, Optional.of("kari"));
                assertThat(outcome.changed()).as(move).isTrue();
                assertThat(outcome.state().handoff()).as(move).isEqualTo(to);
                assertThat(outcome.state().agentId()).as(move)
                        .isEqualTo(to == HandoffStatus.ASSIGNED ? Optional.of("kari") : Optional.empty());
            } else {
                assertThatThrownBy(() -> HandoffTransitions.apply(state, to, Optional.of("kari"))).as(move)
                        .isInstanceOf(HandoffRefused.class)
                        .hasMessage("A " + from.code() + " conversation cannot become " + to.code());
            }
        }
    }

    @Test
    void askingTwiceDoesNotQueueTwice() {
        var queued = HandoffTransitions.apply(in(HandoffStatus.BOT, Optional.empty()), HandoffStatus.QUEUED,
                Optional.empty()).state();

        var again = HandoffTransitions.apply(queued, HandoffStatus.QUEUED, Optional.empty());

        assertThat(again.changed()).isFalse();
        assertThat(again.state()).isSameAs(queued);
    }

    @Test
    void anAssignedConversationIsNotTakenByASecondAgentButTheSameAgentMayClaimAgain() {
        var kari = in(HandoffStatus.ASSIGNED, Optional.of("kari"));

        assertThat(HandoffTransitions.apply(kari, HandoffStatus.ASSIGNED, Optional.of("kari")).changed()).isFalse();
        assertThatThrownBy(() -> HandoffTransitions.apply(kari, HandoffStatus.ASSIGNED, Optional.of("ola")))
                .isInstanceOf(HandoffRefused.class);
    }

    @Test
    void anAssignmentNeedsAnAgent() {
        assertThatThrownBy(() -> HandoffTransitions.apply(in(HandoffStatus.QUEUED, Optional.empty()),
                HandoffStatus.ASSIGNED, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    private static ConversationState in(HandoffStatus status, Optional<String> agent) {
        var state = ConversationState.start("conv", Channel.WEB, Language.NB, Optional.empty(), Optional.empty(),
                Optional.empty(), "hash", Instant.EPOCH);
        return state.withHandoff(status, status == HandoffStatus.ASSIGNED ? agent : Optional.empty());
    }
}
