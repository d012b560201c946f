package no.nora.channels.sms;

import com.twilio.security.RequestValidator;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import no.nora.channels.http.ClientAddress;

/**
 * Checks {@code X-Twilio-Signature} with the SDK's {@link RequestValidator} against the URL Twilio called: our
 * public URL (or, behind a trusted proxy, {@code X-Forwarded-Proto}/{@code -Host}; see {@link ClientAddress}) plus the
 * request's path. Any of the
 * configured auth tokens passes, so the token can be rotated without refusing Twilio in between.
 */
public final class TwilioSignature {
    public static final String HEADER = "X-Twilio-Signature";

    private final List<RequestValidator> validators;
    private final URI publicUrl;
    private final ClientAddress clients;

    TwilioSignature(List<String> authTokens, URI publicUrl, ClientAddress clients) {
        this.validators = authTokens.stream().map(RequestValidator::new).toList();
        this.publicUrl = publicUrl;
        this.clients = clients;
    }

    boolean verify(String url, Map<String, String> params, String signature) {
        return signature != null && !signature.isBlank()
                && validators.stream().anyMatch(v -> v.validate(url, params, signature));
    }

    /** The URL Twilio signed: what the debtor's carrier-facing side sees, not what reached this process. */
    String urlOf(HttpServerRequest request) {
        return publicPrefix(clients.forwardedProto(request).orElse(null), clients.forwardedHost(request).orElse(null))
                + request.uri();
    }

    /** Our public URL for a path, as Twilio is told it (status callbacks, the demo's signed requests). */
    String publicUrl(String path) {
        return publicPrefix(null, null) + path;
    }

    private String publicPrefix(String proto, String host) {
        String path = publicUrl.getRawPath() == null ? "" : publicUrl.getRawPath().replaceAll("/+$", "");
        return (proto != null ? proto : publicUrl.getScheme()) + "://"
                + (host != null ? host : publicUrl.getRawAuthority()) + path;
    }

    /** Signs as Twilio does: HMAC-SHA1 of the URL followed by every parameter name and value, sorted by name. */
    public static String sign(String authToken, String url, Map<String, String> params) {
        var data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
