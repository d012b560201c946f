package no.nora.bot.dialogue.tasks;

import io.vertx.core.Future;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import no.nora.bot.caseapi.CaseApi;
import no.nora.bot.caseapi.CaseApiException;
import no.nora.bot.caseapi.ReminderCheck;
import no.nora.bot.caseapi.SentReminder;
import no.nora.bot.dialogue.Reply;
import no.nora.bot.dialogue.Step;
import no.nora.bot.dialogue.Task;
import no.nora.bot.dialogue.TurnContext;
import no.nora.bot.text.Dates;
import no.nora.bot.text.Texts;
import no.nora.intents.Intent;
import no.nora.intents.Language;

/**
 * "Er dette svindel?" – on SMS, what we really sent to this number: the reminder the gateway sent in this thread
 * (its case) as the case API has it on record, with creditor, reference and when it went out; everywhere, how to
 * check a claim on My Page. Never asks for personal details.
 */
public final class FraudCheckTask implements Task {
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH.mm");

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
        return caseApi.reminderSentTo(state.phone().get()).compose(check -> {
            // The reminder this thread answers (the gateway sent it for this case); else the newest on record.
            Optional<SentReminder> reminder = state.caseId().flatMap(check::about)
                    .or(() -> check.reminders().stream().findFirst());
            Optional<String> caseId = state.caseId().or(() -> reminder.map(SentReminder::caseId));
            if (caseId.isEmpty()) {
                return Future.succeededFuture(Step.say(state, Reply.of(notSent(language, check))));
            }
            // When: as the gateway itself sent it, else as the case API has it on record.
            Optional<Instant> sentAt = state.remindedAt().filter(at -> state.caseId().isPresent())
                    .or(() -> reminder.filter(r -> r.caseId().equals(caseId.get())).map(SentReminder::sentAt));
            return caseApi.debtCase(caseId.get()).map(c -> Step.say(state, Reply.of(sentAt
                    .map(at -> texts.get(language, "fraud.sent", Dates.format(language, at.atZone(OSLO).toLocalDate()),
                            CLOCK_TIME.format(at.atZone(OSLO)), c.creditor(), c.reference()))
                    .orElseGet(() -> texts.get(language, "fraud.sent.undated", c.creditor(), c.reference())))))
                    // A case the case API does not know (yet): what we can say without it.
                    .recover(failure -> failure instanceof CaseApiException e && e.kind() == CaseApiException.Kind.NOT_FOUND
                            ? Future.succeededFuture(Step.say(state, Reply.of(texts.get(language, "fraud.sent.unknown-case"))))
                            : Future.failedFuture(failure));
        });
    }

    private String notSent(Language language, ReminderCheck check) {
        return texts.get(language, check.sent() ? "fraud.sent.unknown-case" : "fraud.not-sent");
    }
}
