package no.nora.channels.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.TimeUnit;

/** The ceiling: the smallest Vert.x HTTP endpoint that reads a JSON body and answers JSON, on its own Vert.x. */
final class Ceiling {
    private Ceiling() {
    }

    static HttpServer start() throws Exception {
        var vertx = Vertx.vertx();
        return vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> request.response()
                        .putHeader("Content-Type", "application/json").end("{\"messages\":[]}")))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
