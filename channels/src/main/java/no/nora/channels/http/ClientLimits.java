package no.nora.channels.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * A per-client request limit for one family of endpoints, as a route handler: each client address (as
 * {@link ClientAddress} sees it, behind trusted proxies the real one) has its own bucket; beyond it a 429 with
 * {@code Retry-After}. Every family of endpoints is mounted behind one.
 */
public final class ClientLimits implements Handler<RoutingContext> {
    private final RateLimits buckets;
    private final ClientAddress clients;

    public ClientLimits(int perMinute, ClientAddress clients) {
        this.buckets = new RateLimits(new RateLimits.Limit(perMinute), Clock.systemUTC());
        this.clients = clients;
    }

    @Override
    public void handle(RoutingContext ctx) {
        var wait = buckets.take(clients.of(ctx.request()));
        if (wait.isEmpty()) {
            ctx.next();
            return;
        }
        var limited = new TooManyRequests(wait.get());
        ctx.response().putHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
        ctx.fail(limited.asApiException());
    }

    /**
     * For limits that count only some requests (refused webhooks): takes one for this request, and says whether the
     * client had none left; then {@link #refuse} answers 429.
     */
    public boolean spent(RoutingContext ctx) {
        return buckets.take(clients.of(ctx.request())).isPresent();
    }

    public void refuse(RoutingContext ctx) {
        var wait = buckets.exhausted(clients.of(ctx.request())).orElse(java.time.Duration.ofSeconds(1));
        var limited = new TooManyRequests(wait);
        ctx.response().putHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
        ctx.fail(limited.asApiException());
    }
}
