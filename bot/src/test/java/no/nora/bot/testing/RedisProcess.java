package no.nora.bot.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.embedded.RedisExecProvider;

/**
 * One redis-server process for tests that build Sentinel groups and clusters: the embedded Redis 7 binary (no
 * package to install), run with a configuration file of its own, and killed like a crashed server
 * ({@link #kill()}, SIGKILL). {@link #command} talks to it over a plain socket, for setting up and inspecting.
 */
public final class RedisProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dir;

    private RedisProcess(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** A server on {@code port} with these configuration lines; {@code sentinel} runs it as a sentinel. */
    public static RedisProcess start(int port, List<String> config, boolean sentinel) {
        try {
            Path dir = Files.createTempDirectory("nora-redis-" + port);
            var lines = new ArrayList<>(List.of("port " + port, "bind 127.0.0.1", "dir " + dir, "save \"\"",
                    "appendonly no", "logfile " + dir.resolve("redis.log")));
            lines.addAll(config);
            Path conf = Files.write(dir.resolve(sentinel ? "sentinel.conf" : "redis.conf"), lines);
            var command = new ArrayList<>(List.of(RedisExecProvider.defaultProvider().get().getAbsolutePath(),
                    conf.toString()));
            if (sentinel) {
                command.add("--sentinel");
            }
            var process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
            var server = new RedisProcess(process, port, dir);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            server.awaitAnswering();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Ends the process at once, as a crash or a pulled plug would: no shutdown, no last words to its clients. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    /** The server's log, for a failure's message. */
    public String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Sends one command and returns its reply: a String, a Long, a List of replies, or null. An error reply is
     * thrown as an {@link IllegalStateException} with Redis's message.
     */
    public Object command(String... args) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            var request = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg)
                        .append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return reply(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException("Redis on port " + port + ": " + e.getMessage(), e);
        }
    }

    private static Object reply(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new IllegalStateException(line);
            case ':' -> Long.parseLong(line);
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    yield null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                yield new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    yield null;
                }
                var items = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(reply(in));
                }
                yield items;
            }
            default -> throw new IOException("unexpected reply type " + (char) type + line);
        };
    }

    private static String line(InputStream in) throws IOException {
        var line = new StringBuilder();
        for (int c = in.read(); c != '\r'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            line.append((char) c);
        }
        in.read();
        return line.toString();
    }

    private void awaitAnswering() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                if ("PONG".equals(command("PING"))) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("redis-server on port " + port + " did not start: " + log());
                }
            }
            Until.pause(20);
        }
    }

    /** A free port below 55 536, so that a cluster's bus port (port + 10 000) is a port too. */
    public static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 20_000 + (int) (Math.random() * 30_000);
            if (free(port) && free(port + 10_000)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port pair found");
    }

    private static boolean free(int port) {
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
