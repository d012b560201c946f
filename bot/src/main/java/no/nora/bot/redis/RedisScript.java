package no.nora.bot.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}): the script's text crosses the wire, and is hashed by Redis, only
 * when Redis does not know it yet (after a restart or a {@code SCRIPT FLUSH}), when it is sent whole once
 * ({@code EVAL}, which also caches it). With the text in every call, both ends encoded, parsed and hashed it on every
 * turn.
 */
public final class RedisScript {
    private final String source;
    private final String sha1;

    public RedisScript(String source) {
        this.source = source;
        this.sha1 = sha1(source);
    }

    /**
     * Runs the script on {@code keys}; {@code args} adds the arguments to the request.
     */
    public Future<Response> run(Redis redis, List<String> keys, Consumer<Request> args) {
        return redis.send(request(Command.EVALSHA, sha1, keys, args)).recover(failure -> unknownScript(failure)
                ? redis.send(request(Command.EVAL, source, keys, args))
                : Future.failedFuture(failure));
    }

    private static Request request(Command command, String script, List<String> keys, Consumer<Request> args) {
        var request = Request.cmd(command).arg(script).arg(keys.size());
        keys.forEach(request::arg);
        args.accept(request);
        return request;
    }

    private static boolean unknownScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
