package no.nora.bot.dialogue;

import io.vertx.core.Future;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.nora.bot.conversation.ConversationState;
import no.nora.bot.handoff.HandoffReason;
import no.nora.bot.learning.ActiveModel;
import no.nora.bot.text.Texts;
import no.nora.intents.Intent;
import no.nora.redact.Redactor;

/**
 * Decides which task handles a message: the task waiting for an answer, when the message reads as one; otherwise
 * the task of the message's intent – and then the open question is asked again, unless the new task replaced it.
 * A message naming a case after a task repeats that task for it; a message with two questions gets both answered.
 * Two misunderstood messages in a row bring the offer of a person.
 */
public final class Dialogue {
    /** Intents that answer a pending question rather than start something new. */
    private static final Set<Intent> ANSWERS = Set.of(Intent.AFFIRM, Intent.DENY, Intent.OUT_OF_SCOPE);
    private static final Set<String> ANSWER_ENTITIES = Set.of("choice", "amount", "months", "date");
    /** Below this, a message with an amount, a date or a choice in it is taken as the answer it holds. */
    private static final double SURE_OF_ANOTHER_TASK = 0.6;
    /** After these, the open question is not asked again: the debtor has moved on. */
    private static final Set<Intent> ENDS_THE_QUESTION = Set.of(Intent.GOODBYE, Intent.HUMAN_HANDOFF,
            Intent.HARDSHIP, Intent.COMPLAINT);
    /** A second question in the same message, kept until the first one's task has its answer. */
    private static final String THEN = "then";
    static final int MISSES_BEFORE_OFFERING_A_PERSON = 2;

    private final Map<Intent, Task> tasks = new EnumMap<>(Intent.class);
    private final Texts texts;
    private final ActiveModel model;

    public Dialogue(List<Task> tasks, Texts texts, ActiveModel model) {
        tasks.forEach(task -> this.tasks.put(task.intent(), task));
        this.texts = texts;
        this.model = model;
    }

    public Future<Step> handle(TurnContext turn) {
        if (NumberOnly.is(turn.text())) {
            // Keep any question open: the debtor may answer it next.
            return Future.succeededFuture(Step.say(turn.state(), Reply.of(texts.get(turn.language(), "number-only"))));
        }
        var pending = turn.state().task().flatMap(Intent::fromLabel).map(tasks::get);
        if (pending.isPresent()) {
            var answer = politeAnswer(turn);
            var then = answer.state().slot(THEN);
            Future<Step> step = answersPendingQuestion(answer, pending.get().intent())
                    ? pending.get().resume(answer).map(s -> done(s, pending.get().intent()))
                    : interruption(answer, pending.get());
            return then.isEmpty() ? step : step.compose(s -> andThen(s, then.get(), answer));
        }
        var parts = Questions.split(turn.text().text());
        if (parts.size() == 2) {
            var first = understood(turn, parts.get(0));
            var second = understood(turn, parts.get(1));
            if (isTask(first) && isTask(second) && first.understanding().intent() != second.understanding().intent()) {
                return fresh(first).compose(s -> andThen(s, parts.get(1), turn));
            }
        }
        return fresh(turn);
    }

    /** The message as a new request (no question open, or one put aside). */
    private Future<Step> fresh(TurnContext turn) {
        var understanding = turn.understanding();
        var task = tasks.get(understanding.intent());
        var followUp = CaseContext.CASE_TASKS.contains(understanding.intent()) ? Optional.<Intent>empty()
                : followUp(turn);
        if (followUp.isPresent()) {
            task = tasks.get(followUp.get());
        } else if (understanding.intent() == Intent.OUT_OF_SCOPE || task == null) {
            return Future.succeededFuture(notUnderstood(turn));
        }
        var chosen = task;
        var idle = turn.state().idle();
        return chosen.start(new TurnContext(idle, turn.text(), understanding, turn.today()))
                .map(step -> done(step, chosen.intent()));
    }

    /**
     * "Og Fjordkraft?", "Elkjøp", an old button with a creditor's name: a message that names a case and asks nothing
     * else repeats the last case task for it (the balance when there was none).
     */
    private static Optional<Intent> followUp(TurnContext turn) {
        if (CaseContext.mentionsACase(turn.state(), turn.text().text())) {
            return Optional.of(CaseContext.lastTask(turn.state()).orElse(Intent.BALANCE_INQUIRY));
        }
        // "Nei, den andre" right after an answer about one case: the same for the other.
        boolean correcting = turn.understanding().intent() == Intent.DENY
                && turn.understanding().entity("choice").isPresent();
        return correcting ? CaseContext.lastTask(turn.state()) : Optional.empty();
    }

    /**
     * Another request while a question is open: answered, and the question asked again briefly – unless the new
     * task asked its own question, handed over, or the debtor clearly moved on.
     */
    private Future<Step> interruption(TurnContext turn, Task pending) {
        var asked = turn.state();
        return fresh(turn).compose(step -> {
            if (step.state().task().isPresent() || step.handoff().isPresent()
                    || ENDS_THE_QUESTION.contains(turn.understanding().intent())) {
                return Future.succeededFuture(step);
            }
            var back = step.state().withCase(asked.caseId()).withTask(asked.task(), taskSlots(asked));
            return pending.reask(new TurnContext(back, turn.text(), turn.understanding(), turn.today()))
                    .map(reask -> reask.map(r -> step.then(Step.say(back, r))).orElse(step));
        });
    }

    private static Map<String, String> taskSlots(ConversationState state) {
        var slots = new java.util.HashMap<String, String>();
        state.slots().forEach((k, v) -> {
            if (!k.startsWith(ConversationState.CONTEXT)) {
                slots.put(k, v);
            }
        });
        return slots;
    }

    /** The second question of a message, once the first is answered; kept while the first one's task still asks. */
    private Future<Step> andThen(Step first, String second, TurnContext turn) {
        if (first.handoff().isPresent()) {
            return Future.succeededFuture(first);
        }
        if (first.state().task().isPresent()) {
            return Future.succeededFuture(new Step(first.state().withSlot(THEN, second), first.replies(), first.handoff()));
        }
        var next = understood(new TurnContext(first.state(), turn.text(), turn.understanding(), turn.today()), second);
        return fresh(next).map(first::then);
    }

    private TurnContext understood(TurnContext turn, String part) {
        var text = Redactor.redact(part);
        var understanding = model.classifier().understand(text);
        return new TurnContext(turn.state(), text, understanding, turn.today());
    }

    private boolean isTask(TurnContext part) {
        var intent = part.understanding().intent();
        return intent != Intent.OUT_OF_SCOPE && tasks.containsKey(intent) && !ANSWERS.contains(intent);
    }

    /**
     * Whether the message answers the open question: a yes, a no, anything not understood, the same request again,
     * or a figure, date, choice or case name – unless it clearly asks for another task.
     */
    private boolean answersPendingQuestion(TurnContext turn, Intent pendingTask) {
        var understanding = turn.understanding();
        var intent = understanding.intent();
        if (ANSWERS.contains(intent) || intent == pendingTask || !tasks.containsKey(intent)) {
            return true;
        }

        boolean holdsAnAnswer = understanding.entities().stream().anyMatch(e -> ANSWER_ENTITIES.contains(e.entity()))
                || CaseContext.mentionsACase(turn.state(), turn.text().text());
        return holdsAnAnswer && understanding.confidence() < SURE_OF_ANOTHER_TASK;
    }

    private static final Set<String> YES = Set.of("ja", "jo", "jepp", "japp", "yes", "yeah", "yep", "ok", "okei");
    private static final Set<String> NO = Set.of("nei", "nope", "no");

    /**
     * "Ja takk", "nei takk" at an open question: a polite answer, though the thanks in it can read as a goodbye to
     * the classifier.
     */
    private static TurnContext politeAnswer(TurnContext turn) {
        var understanding = turn.understanding();
        var words = Words.of(turn.text().text().toLowerCase(java.util.Locale.ROOT));
        if (understanding.intent() != Intent.GOODBYE || words.isEmpty()
                || !(YES.contains(words.get(0)) || NO.contains(words.get(0)))) {
            return turn;
        }
        var answer = YES.contains(words.get(0)) ? Intent.AFFIRM : Intent.DENY;
        return new TurnContext(turn.state(), turn.text(), new no.nora.intents.Understanding(understanding.text(), answer,
                understanding.confidence(), understanding.ranking(), understanding.entities(), understanding.language(),
                understanding.languageConfidence()), turn.today());
    }

    private Step done(Step step, Intent task) {
        var state = CaseContext.done(step.state(), task);
        if (state.misses() != 0) {
            state = state.withMisses(0);
        }
        return state == step.state() ? step : new Step(state, step.replies(), step.handoff());
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
