package no.nora.channels.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.concurrent.TimeUnit;
import no.nora.bot.redis.RedisScript;

/**
 * The floor: what any gateway with the same I/O must do for a message, and nothing else. Per message it parses the
 * JSON body, reads the conversation's state from Redis, writes the state and the two messages (the debtor's and a
 * reply) back in one script, and answers them as JSON – no redaction, no classifier, no dialogue, no case API, no
 * turn order. One HTTP server per core like the gateway's, one Redis client with the gateway's pool size, on a
 * Vert.x of its own. {@code POST /conversations/{id}/messages} with {@code {"text","clientMessageId"}}.
 */
final class Floor {
    /** KEYS: state, messages (one slot: the id is the hash tag). ARGV: retention, state, then the messages. */
    private static final RedisScript COMMIT = new RedisScript("""
            redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[1])
            redis.call('RPUSH', KEYS[2], unpack(ARGV, 3, #ARGV))
            redis.call('LTRIM', KEYS[2], -200, -1)
            redis.call('EXPIRE', KEYS[2], ARGV[1])
            return 1
            """);
    private static final String RETENTION_SECONDS = Long.toString(TimeUnit.DAYS.toSeconds(30));
    private static final String PREFIX = "/conversations/";

    private Floor() {
    }

    /** Starts the floor on {@code redis}; completes with its port. */
    static int start(RedisOptions redisOptions) throws Exception {
        var vertx = Vertx.vertx();
        var redis = Redis.createClient(vertx, new RedisOptions(redisOptions).setMaxPoolSize(64)
                .setMaxPoolWaiting(10_000).setMaxWaitingHandlers(10_000).setPoolName("floor-redis"));
        int port;
        try (var probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        int listenOn = port;
        GatewayBenchmarks.await(vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                return vertx.createHttpServer().requestHandler(request -> request.body()
                                .onSuccess(body -> answer(redis, request, body)))
                        .listen(listenOn, "127.0.0.1");
            }
        }, new DeploymentOptions().setInstances(Math.max(1, Runtime.getRuntime().availableProcessors()))));
        return port;
    }

    private static void answer(Redis redis, HttpServerRequest request, Buffer body) {
        String id = request.path().substring(PREFIX.length(), request.path().lastIndexOf('/'));
        var message = body.toJsonObject();
        String stateKey = "{floor:" + id + "}:st";
        redis.send(Request.cmd(Command.GET).arg(stateKey)).compose(stored -> {
            var state = stored == null ? new JsonObject().put("id", id).put("turns", 0)
                    : new JsonObject(stored.toString());
            state.put("turns", state.getInteger("turns") + 1).put("lastClientMessageId",
                    message.getString("clientMessageId"));
            long now = System.currentTimeMillis();
            var messages = List.of(
                    new JsonObject().put("id", id + "-" + now + "-d").put("from", "debtor")
                            .put("text", message.getString("text")).put("at", now),
                    new JsonObject().put("id", id + "-" + now + "-b").put("from", "bot")
                            .put("text", "Takk, jeg har notert meg det.").put("at", now));
            return COMMIT.run(redis, List.of(stateKey, "{floor:" + id + "}:m"), eval -> {
                eval.arg(RETENTION_SECONDS).arg(state.encode());
                messages.forEach(m -> eval.arg(m.encode()));
            }).map(done -> new JsonObject().put("messages", new JsonArray(messages)).toBuffer());
        }).onComplete(answered -> request.response().setStatusCode(answered.succeeded() ? 200 : 503)
                .putHeader("Content-Type", "application/json")
                .end(answered.succeeded() ? answered.result() : Buffer.buffer("{\"error\":\"store\"}")));
    }
}
