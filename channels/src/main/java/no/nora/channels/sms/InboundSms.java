package no.nora.channels.sms;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import no.nora.bot.conversation.DigitFree;
import no.nora.channels.http.ApiException;
import no.nora.redact.RedactedText;
import no.nora.redact.Redactor;

/**
 * A verified Twilio webhook reduced to what the channel needs, its Body redacted on arrival. The numbers stay in
 * memory only: they are never logged or stored as they are.
 */
record InboundSms(String from, String to, String messageSid, RedactedText body) {

    static InboundSms of(Map<String, String> params) {
        return new InboundSms(required(params, "From"), required(params, "To"), required(params, "MessageSid"),
                Redactor.redact(params.getOrDefault("Body", "")));
    }

    /** As kept until answered: the numbers in letters and the body as redacted, so it holds no run of digits. */
    String stored() {
        return new JsonObject().put("f", DigitFree.phone(from)).put("t", DigitFree.phone(to)).put("b", body.text())
                .put("r", body.redactions()).encode();
    }

    /** A kept message read back; {@code key} stands in for the sid, which was not kept. */
    static InboundSms restored(String key, String stored) {
        var json = new JsonObject(stored);
        return new InboundSms(DigitFree.phoneBack(json.getString("f")), DigitFree.phoneBack(json.getString("t")), key,
                Redactor.restore(json.getString("b", ""), json.getInteger("r", 0)));
    }

    private static String required(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("The webhook parameter '" + name + "' is missing.");
        }
        return value.strip();
    }
}
