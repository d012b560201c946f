package no.nora.channels.sms;

import java.util.Map;
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

    private static String required(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("The webhook parameter '" + name + "' is missing.");
        }
        return value.strip();
    }
}
