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

    /**
     * The parameters of one inbound SMS, in Twilio's order, for the tests' account. A sid that is only a name in a
     * test ("SMprivacya") becomes a well-formed one derived from it, as the webhook accepts only Twilio's form.
     */
    public static Map<String, String> sms(String messageSid, String from, String to, String body) {
        var params = new LinkedHashMap<String, String>();
        params.put("MessageSid", wellFormed(messageSid));
        params.put("AccountSid", no.nora.channels.testing.RealSettings.TWILIO_ACCOUNT_SID);
        params.put("From", from);
        params.put("To", to);
        params.put("Body", body);
        return params;
    }

    static String wellFormed(String sid) {
        if (sid.matches("(SM|MM)[0-9a-f]{32}")) {
            return sid;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(sid.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "SM" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
