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
     * For limits that count only some requests (refused webhooks): {@link #count} after such a request, and
     * {@link #refuseIfSpent} before any, which answers 429 and returns true when the client has none left.
     */
    public void count(RoutingContext ctx) {
        buckets.take(clients.of(ctx.request()));
    }

    public boolean refuseIfSpent(RoutingContext ctx) {
        var wait = buckets.exhausted(clients.of(ctx.request()));
        if (wait.isEmpty()) {
            return false;
        }
        var limited = new TooManyRequests(wait.get());
        ctx.response().putHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
        ctx.fail(limited.asApiException());
        return true;
    }
}
