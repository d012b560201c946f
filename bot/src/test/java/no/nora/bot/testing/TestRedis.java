package no.nora.bot.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Optional;
import redis.embedded.RedisServer;

/**
 * A real Redis server for tests: the one at {@code REDIS_URL} when set, otherwise an embedded Redis 7 started once
 * per test JVM on a free port. Tests that stop Redis on purpose use {@link #dedicated()} to get their own server.
 */
public final class TestRedis {
    private static TestRedis shared;

    private final Optional<RedisServer> server;
    private final URI url;

    private TestRedis(Optional<RedisServer> server, URI url) {
        this.server = server;
        this.url = url;
    }

    /** The suite's shared Redis. Tests using it must not rely on it being empty: they use fresh ids. */
    public static synchronized TestRedis shared() {
        if (shared == null) {
            String configured = System.getenv("REDIS_URL");
            shared = configured != null && !configured.isBlank()
                    ? new TestRedis(Optional.empty(), URI.create(configured))
                    : start(freePort());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    /** A Redis of this test's own (embedded), which it may stop and start again. */
    public static TestRedis dedicated() {
        return start(freePort());
    }

    /**
     * A Redis of this test's own that keeps its data across {@link #stop()} and {@link #restart()}, as a production
     * Redis with an append-only file does: every write is fsynced before it is answered.
     */
    public static TestRedis durable() {
        try {
            var dir = java.nio.file.Files.createTempDirectory("nora-redis");
            dir.toFile().deleteOnExit();
            int port = freePort();
            var server = RedisServer.builder().port(port).bind("127.0.0.1").setting("save \"\"")
                    .setting("dir " + dir).setting("appendonly yes").setting("appendfsync always").build();
            server.start();
            return new TestRedis(Optional.of(server), URI.create("redis://127.0.0.1:" + port));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestRedis start(int port) {
        var server = RedisServer.builder().port(port).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").build();
        server.start();
        return new TestRedis(Optional.of(server), URI.create("redis://127.0.0.1:" + port));
    }

    public URI url() {
        return url;
    }

    public String connectionString() {
        return url.toString();
    }

    /** Stops the embedded server (data is lost); {@link #restart()} brings it back on the same port. */
    public void stop() {
        server.ifPresent(s -> {
            if (s.isActive()) {
                s.stop();
            }
        });
    }

    public void restart() {
        server.orElseThrow(() -> new IllegalStateException("Only an embedded Redis can be restarted")).start();
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
