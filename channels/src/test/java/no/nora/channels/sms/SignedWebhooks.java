package no.nora.channels.sms;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.LinkedHashMap;
import java.util.Map;

/** Inbound-SMS webhooks as Twilio sends them: a form, signed with the account's auth token for the public URL. */
public final class SignedWebhooks {
    private final String authToken;
    private final String publicUrl;

    public SignedWebhooks(String authToken, String publicUrl) {
        this.authToken = authToken;
        this.publicUrl = publicUrl;
    }

    /** The parameters of one inbound SMS, in Twilio's order. */
    public static Map<String, String> sms(String messageSid, String from, String to, String body) {
        var params = new LinkedHashMap<String, String>();
        params.put("MessageSid", messageSid);
        params.put("From", from);
        params.put("To", to);
        params.put("Body", body);
        return params;
    }

    /** Posts to the gateway the client points at by default. */
    public Future<HttpResponse<Buffer>> post(WebClient client, Map<String, String> params) {
        return client.post(SmsChannel.INBOUND_PATH).putHeader(TwilioSignature.HEADER, signature(params))
                .sendForm(form(params));
    }

    /** Posts to the gateway on {@code port} of this host. */
    public Future<HttpResponse<Buffer>> post(WebClient client, int port, Map<String, String> params) {
        return client.post(port, "localhost", SmsChannel.INBOUND_PATH).putHeader(TwilioSignature.HEADER, signature(params))
                .sendForm(form(params));
    }

    private String signature(Map<String, String> params) {
        return TwilioSignature.sign(authToken, publicUrl + SmsChannel.INBOUND_PATH, params);
    }

    private static MultiMap form(Map<String, String> params) {
        var form = MultiMap.caseInsensitiveMultiMap();
        params.forEach(form::add);
        return form;
    }
}
