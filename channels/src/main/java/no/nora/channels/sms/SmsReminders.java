package no.nora.channels.sms;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.regex.Pattern;
import no.nora.channels.http.ApiException;
import no.nora.channels.http.JsonBodies;
import no.nora.intents.Language;
import no.nora.redact.Redactor;

/**
 * {@code POST /api/sms/reminders} {@code {"caseId", "phone"}}: sends a case's reminder, refused (409) for a number
 * that opted out, and remembers the case so that replies from that number are understood in it.
 */
final class SmsReminders {
    /** Case ids are stored as they are, so they may not hold a run of seven digits either. */
    private static final Pattern CASE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private final SmsOutbound outbound;
    private final SmsConversations conversations;
    private final OneAtATime order;
    private final SmsTexts texts;

    SmsReminders(SmsOutbound outbound, SmsConversations conversations, OneAtATime order, SmsTexts texts) {
        this.outbound = outbound;
        this.conversations = conversations;
        this.order = order;
        this.texts = texts;
    }

    void send(RoutingContext ctx) {
        var body = JsonBodies.object(ctx);
        String caseId = JsonBodies.requiredText(body, "caseId").strip();
        String phone = JsonBodies.requiredText(body, "phone").strip();
        if (!CASE_ID.matcher(caseId).matches() || Redactor.containsForbiddenRun(caseId)) {
            throw ApiException.badRequest("The field 'caseId' must be a case reference (letters, digits, - or _).");
        }
        if (!PhoneNumbers.isE164(phone)) {
            throw ApiException.badRequest("The field 'phone' must be a number in E.164 form, like +4791234567.");
        }
        String ours = outbound.from();
        order.run(SmsConversations.pair(phone, ours), () -> outbound.send(phone, texts.get(Language.NB, "reminder"))
                        .compose(sent -> conversations.rememberReminder(phone, ours, caseId, Instant.now()).map(sent)))
                .onSuccess(sent -> ctx.response().setStatusCode(202)
                        .putHeader("Content-Type", "application/json; charset=utf-8")
                        .end(new JsonObject().put("sid", sent.sid()).put("status", sent.status()).encode()))
                .onFailure(failure -> ctx.fail(failure instanceof OptedOutException
                        ? ApiException.conflict("This number has opted out of SMS; nothing was sent.")
                        : new ApiException(502, "sms_not_sent", "The SMS provider did not accept the reminder.")));
    }
}
