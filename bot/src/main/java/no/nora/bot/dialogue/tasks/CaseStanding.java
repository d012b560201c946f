package no.nora.bot.dialogue.tasks;

import java.time.LocalDate;
import no.nora.bot.caseapi.CaseStatus;
import no.nora.bot.caseapi.DebtCase;
import no.nora.bot.text.Dates;
import no.nora.bot.text.Money;
import no.nora.bot.text.Texts;
import no.nora.intents.Language;

/** Where a case stands, in one sentence for the debtor: due or overdue, on a plan, deferred, in legal collection. */
final class CaseStanding {
    private final Texts texts;

    CaseStanding(Texts texts) {
        this.texts = texts;
    }

    String of(Language language, DebtCase c, LocalDate today) {
        return switch (c.status()) {
            case OPEN -> c.dueDate().isBefore(today)
                    ? texts.get(language, "status.open.overdue", Dates.format(language, c.dueDate()))
                    : texts.get(language, "status.open.due", Dates.format(language, c.dueDate()));
            case INSTALMENT_PLAN -> c.plan().map(plan -> texts.get(language, "status.plan",
                            Money.format(language, plan.monthlyAmount()), Dates.format(language, plan.nextInstalmentDate()),
                            plan.instalmentsLeft()))
                    .orElseGet(() -> texts.get(language, "status.other"));
            case DEFERRED -> c.deferredUntil().map(d -> texts.get(language, "status.deferred", Dates.format(language, d)))
                    .orElseGet(() -> texts.get(language, "status.other"));
            case LEGAL_COLLECTION -> texts.get(language, "status.legal");
            case PAID -> texts.get(language, "case.settled.paid", c.creditor(), c.reference());
            case CLOSED -> texts.get(language, "case.settled.closed", c.creditor(), c.reference());
            case OTHER -> texts.get(language, "status.other");
        };
    }

    /** Why nothing can be paid or changed on a settled case. */
    String settled(Language language, DebtCase c) {
        return texts.get(language, c.status() == CaseStatus.CLOSED
                ? "case.settled.closed" : "case.settled.paid", c.creditor(), c.reference());
    }
}
