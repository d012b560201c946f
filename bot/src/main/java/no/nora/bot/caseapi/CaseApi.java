package no.nora.bot.caseapi;

import io.vertx.core.Future;
import java.util.List;

/**
 * The company's case system, as the bot needs it. The contract is {@code case-api.openapi.yaml}; failures come
 * back as {@link CaseApiException}. Every write carries an idempotency key so a retry never orders twice.
 */
public interface CaseApi {

    /** Cases of a debtor signed in to My Page (the token's {@code sub}). */
    Future<List<DebtCase>> casesForDebtor(String debtorId);

    /** Cases whose reminders were sent to this E.164 number. */
    Future<List<DebtCase>> casesForPhone(String phone);

    Future<DebtCase> debtCase(String caseId);

    Future<List<Payment>> payments(String caseId);

    /** Orders a copy of the original invoice, delivered to the debtor's My Page mailbox. */
    Future<Receipt> orderInvoiceCopy(String caseId, String idempotencyKey);

    Future<Receipt> requestInstalmentPlan(String caseId, InstalmentPlanRequest request, String idempotencyKey);

    Future<Receipt> requestDeferral(String caseId, DeferralRequest request, String idempotencyKey);

    Future<Receipt> registerComplaint(String caseId, ComplaintRequest request, String idempotencyKey);

    /** Whether the company sent a reminder SMS to this number (for "is this message real?"). */
    Future<ReminderCheck> reminderSentTo(String phone);

    /** Readiness: succeeds when the case API answers. */
    Future<Void> ping();
}
