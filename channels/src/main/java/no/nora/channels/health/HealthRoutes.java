package no.nora.channels.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: every dependency the gateway needs to serve
 * debtors answers (the conversation store, the case API), each reported on its own so an operator sees which.
 */
public final class HealthRoutes {

    /** One dependency to check; the future fails when it is not reachable. */
    public record Check(String name, Supplier<Future<?>> probe) {
    }

    private static final long CHECK_TIMEOUT_MS = 2_000;

    private final Vertx vertx;
    private final List<Check> checks;

    public HealthRoutes(Vertx vertx, List<Check> checks) {
        this.vertx = vertx;
        this.checks = List.copyOf(checks);
    }

    /**
     * Mounts both probes; {@code detailed} says whether a request may see each dependency and why it is down (an
     * operator's view), or only the overall status (a load balancer's).
     */
    public void mount(Router router, java.util.function.Predicate<RoutingContext> detailed) {
        router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
        router.get("/health/ready").handler(ctx -> ready(ctx, detailed.test(ctx)));
    }

    private void ready(RoutingContext ctx, boolean detailed) {
        List<Future<JsonObject>> results = checks.stream().map(this::run).toList();
        Future.join(results).onComplete(done -> {
            var array = new JsonArray();
            boolean up = true;
            for (var result : results) {
                array.add(result.result());
                up &= "UP".equals(result.result().getString("status"));
            }
            var body = new JsonObject().put("status", up ? "UP" : "DOWN");
            json(ctx, up ? 200 : 503, detailed ? body.put("checks", array) : body);
        });
    }

    private Future<JsonObject> run(Check check) {
        var promise = io.vertx.core.Promise.<JsonObject>promise();
        long timer = vertx.setTimer(CHECK_TIMEOUT_MS, t -> promise.tryComplete(
                new JsonObject().put("id", check.name()).put("status", "DOWN").put("reason", "no answer in time")));
        Future<?> probe;
        try {
            probe = check.probe().get();
        } catch (RuntimeException e) {
            probe = Future.failedFuture(e);
        }
        probe.onComplete(result -> {
            vertx.cancelTimer(timer);
            promise.tryComplete(result.succeeded()
                    ? new JsonObject().put("id", check.name()).put("status", "UP")
                    : new JsonObject().put("id", check.name()).put("status", "DOWN")
                            .put("reason", String.valueOf(result.cause().getMessage())));
        });
        return promise.future();
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }
}
