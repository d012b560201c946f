package no.nora.bot.dialogue;

import java.util.List;
import no.nora.bot.caseapi.CaseApi;
import no.nora.bot.dialogue.tasks.BalanceTask;
import no.nora.bot.dialogue.tasks.ComplaintTask;
import no.nora.bot.dialogue.tasks.DeferralTask;
import no.nora.bot.dialogue.tasks.FraudCheckTask;
import no.nora.bot.dialogue.tasks.HardshipTask;
import no.nora.bot.dialogue.tasks.HumanHandoffTask;
import no.nora.bot.dialogue.tasks.InstalmentPlanTask;
import no.nora.bot.dialogue.tasks.InvoiceCopyTask;
import no.nora.bot.dialogue.tasks.PaymentReceivedTask;
import no.nora.bot.dialogue.tasks.SmallTalk;
import no.nora.bot.text.Texts;

/** Every task the bot can do, in one list. Add a task here to make the dialogue use it. */
public final class Tasks {
    private Tasks() {
    }

    public static List<Task> all(CaseApi caseApi, Texts texts) {
        return List.of(
                SmallTalk.greeting(texts),
                SmallTalk.goodbye(texts),
                SmallTalk.contactInfo(texts),
                SmallTalk.affirm(texts),
                SmallTalk.deny(texts),
                new HumanHandoffTask(texts),
                new InvoiceCopyTask(caseApi, texts),
                new PaymentReceivedTask(caseApi, texts),
                new InstalmentPlanTask(caseApi, texts),
                new DeferralTask(caseApi, texts),
                new BalanceTask(caseApi, texts),
                new ComplaintTask(caseApi, texts),
                new FraudCheckTask(caseApi, texts),
                new HardshipTask(texts));
    }
}
