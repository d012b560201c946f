package no.nora.channels.sms;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.util.Optional;

/**
 * The Twilio SDK's HTTP client with two changes: one attempt per call ({@link TwilioSmsSender} owns the retry
 * policy, with backoff that never blocks), and an optional base URL ({@code TWILIO_API_BASE}) that replaces
 * {@code https://api.twilio.com} in every request – the SDK has no such setting.
 */
final class TwilioHttpClient extends HttpClient {
    private final NetworkHttpClient network = new NetworkHttpClient();
    private final Optional<URI> apiBase;

    TwilioHttpClient(Optional<URI> apiBase) {
        this.apiBase = apiBase;
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        return network.makeRequest(apiBase.map(base -> rebased(request, base)).orElse(request));
    }

    static Request rebased(Request original, URI base) {
        URI target = URI.create(original.getUrl());
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        String url = base.getScheme() + "://" + base.getRawAuthority() + basePath + target.getRawPath();
        var copy = new Request(original.getMethod(), url);
        original.getQueryParams().forEach((name, values) -> values.forEach(v -> copy.addQueryParam(name, v)));
        original.getPostParams().forEach((name, values) -> values.forEach(v -> copy.addPostParam(name, v)));
        original.getHeaderParams().forEach((name, values) -> values.forEach(v -> copy.addHeaderParam(name, v)));
        if (original.getAuthStrategy() != null) {
            copy.setAuth(original.getAuthStrategy());
        } else if (original.getUsername() != null) {
            copy.setAuth(original.getUsername(), original.getPassword());
        }
        if (original.getContentType() != null) {
            copy.setContentType(original.getContentType());
        }
        if (original.getBody() != null) {
            copy.setBody(original.getBody());
        }
        if (original.getUserAgentExtensions() != null) {
            copy.setUserAgentExtensions(original.getUserAgentExtensions());
        }
        return copy;
    }
}
