package no.nora.bot.dialogue.tasks;

import io.vertx.core.Future;
import no.nora.bot.caseapi.CaseApi;
import no.nora.bot.dialogue.Reply;
import no.nora.bot.dialogue.Step;
import no.nora.bot.dialogue.Task;
import no.nora.bot.dialogue.TurnContext;
import no.nora.bot.text.Dates;
import no.nora.bot.text.Texts;
import no.nora.intents.Intent;

/**
 * "Er dette svindel?" – on SMS, whether we really sent a reminder to this number; everywhere, how to check a claim on
 * My Page. Never asks for personal details.
 */
public final class FraudCheckTask implements Task {
    private final CaseApi caseApi;
    private final Texts texts;

    public FraudCheckTask(CaseApi caseApi, Texts texts) {
        this.caseApi = caseApi;
        this.texts = texts;
    }

    @Override
    public Intent intent() {
        return Intent.FRAUD_CHECK;
    }

    @Override
    public Future<Step> start(TurnContext turn) {
        var language = turn.language();
        var state = turn.state().idle();
        if (state.phone().isEmpty()) {
            return Future.succeededFuture(Step.say(state, Reply.of(texts.get(language, "fraud.general"))));
        }
        return caseApi.reminderSentTo(state.phone().get()).map(check -> Step.say(state, Reply.of(check.sent()
                ? texts.get(language, "fraud.sent", check.lastSentAt()
                        .map(at -> Dates.format(language, at.atZone(java.time.ZoneId.of("Europe/Oslo")).toLocalDate()))
                        .orElse("")).replace("  ", " ")
                : texts.get(language, "fraud.not-sent"))));
    }
}
