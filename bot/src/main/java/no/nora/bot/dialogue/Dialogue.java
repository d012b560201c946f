package no.nora.bot.dialogue;

import io.vertx.core.Future;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.nora.bot.handoff.HandoffReason;
import no.nora.bot.text.Texts;
import no.nora.intents.Intent;

/**
 * Decides which task handles a message: the task waiting for an answer, when the message reads as one; otherwise
 * the task of the message's intent. Two misunderstood messages in a row bring the offer of a person.
 */
public final class Dialogue {
    /** Intents that answer a pending question rather than start something new. */
    private static final Set<Intent> ANSWERS = Set.of(Intent.AFFIRM, Intent.DENY, Intent.OUT_OF_SCOPE);
    private static final Set<String> ANSWER_ENTITIES = Set.of("choice", "amount", "months", "date");
    static final int MISSES_BEFORE_OFFERING_A_PERSON = 2;

    private final Map<Intent, Task> tasks = new EnumMap<>(Intent.class);
    private final Texts texts;

    public Dialogue(List<Task> tasks, Texts texts) {
        tasks.forEach(task -> this.tasks.put(task.intent(), task));
        this.texts = texts;
    }

    public Future<Step> handle(TurnContext turn) {
        if (NumberOnly.is(turn.text())) {
            // Keep any question open: the debtor may answer it next.
            return Future.succeededFuture(Step.say(turn.state(), Reply.of(texts.get(turn.language(), "number-only"))));
        }
        var understanding = turn.understanding();
        var pending = turn.state().task().flatMap(Intent::fromLabel).map(tasks::get);
        if (pending.isPresent() && answersPendingQuestion(turn, pending.get().intent())) {
            return pending.get().resume(turn).map(step -> understood(step));
        }
        if (understanding.intent() == Intent.OUT_OF_SCOPE) {
            return Future.succeededFuture(notUnderstood(turn));
        }
        var task = tasks.get(understanding.intent());
        if (task == null) {
            return Future.succeededFuture(notUnderstood(turn));
        }
        var fresh = turn.state().idle();
        return task.start(new TurnContext(fresh, turn.text(), understanding, turn.today())).map(this::understood);
    }

    /**
     * Slot in which a question lists words that answer it (e.g. the offered creditors), so "the Elkjøp one" is taken
     * as an answer even when it reads like another intent.
     */
    public static final String EXPECTED_WORDS = "expect";

    private static boolean answersPendingQuestion(TurnContext turn, Intent pendingTask) {
        var understanding = turn.understanding();
        return ANSWERS.contains(understanding.intent())
                || understanding.intent() == pendingTask
                || understanding.entities().stream().anyMatch(e -> ANSWER_ENTITIES.contains(e.entity()))
                || mentionsExpectedWord(turn);
    }

    private static boolean mentionsExpectedWord(TurnContext turn) {
        var expected = turn.state().slot(EXPECTED_WORDS);
        if (expected.isEmpty()) {
            return false;
        }
        var words = Words.of(turn.text().text());
        return java.util.Arrays.stream(expected.get().split("\\|")).anyMatch(words::contains);
    }

    private Step understood(Step step) {
        return step.state().misses() == 0 ? step : new Step(step.state().withMisses(0), step.replies(), step.handoff());
    }

    private Step notUnderstood(TurnContext turn) {
        int misses = turn.state().misses() + 1;
        var state = turn.state().withMisses(misses);
        if (misses >= MISSES_BEFORE_OFFERING_A_PERSON) {
            return Step.handOver(state.withMisses(0).idle(), HandoffReason.NOT_UNDERSTOOD,
                    Reply.of(texts.get(turn.language(), "fallback.handoff")));
        }
        return Step.say(state, Reply.of(texts.get(turn.language(), "fallback.rephrase")));
    }
}
