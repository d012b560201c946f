package no.nora.channels.http;

import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Guards operators' and other services' endpoints with {@code Authorization: Bearer <SERVICE_TOKEN>}. Without a
 * configured token they are open only while the demo's doors are (nothing real configured); otherwise closed to all.
 */
public final class ServiceAuth {
    private final Optional<String> serviceToken;
    private final boolean openWithoutToken;

    public ServiceAuth(Optional<String> serviceToken, boolean openWithoutToken) {
        this.serviceToken = serviceToken;
        this.openWithoutToken = openWithoutToken;
    }

    /** A route handler: passes on to the next handler, or fails the request with 401. */
    public void handle(RoutingContext ctx) {
        if (allows(ctx)) {
            ctx.next();
        } else if (serviceToken.isEmpty()) {
            ctx.fail(ApiException.unauthorized("This endpoint needs SERVICE_TOKEN, and none is configured."));
        } else {
            ctx.fail(ApiException.unauthorized("A valid service token is required (Authorization: Bearer <SERVICE_TOKEN>)."));
        }
    }

    /** Whether the request may use an operator endpoint. */
    public boolean allows(RoutingContext ctx) {
        return serviceToken.isEmpty() ? openWithoutToken : matches(bearer(ctx).orElse(""));
    }

    /** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
    public boolean matches(String candidate) {
        return serviceToken.isPresent() && MessageDigest.isEqual(
                serviceToken.get().getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<String> bearer(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).trim()).filter(t -> !t.isEmpty());
    }
}
