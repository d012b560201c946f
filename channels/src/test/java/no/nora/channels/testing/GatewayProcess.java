package no.nora.channels.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import no.nora.channels.Main;

/**
 * The gateway in a JVM of its own, started as in production ({@link Main}), for what no in-process gateway can
 * show: a crash. {@link #kill()} is {@code kill -9}: no shutdown hook, nothing finished.
 */
public final class GatewayProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Open http://localhost:(\\d+) for the demo");

    private final Process process;
    private final int port;

    private GatewayProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code Main} with {@code env} (on a free port) and waits until it listens. */
    public static GatewayProcess start(Map<String, String> env) throws Exception {
        var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                // The production logging (bot's test configuration is on this class path too): the port is read from it.
                "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true);
        builder.environment().put("PORT", "0");
        builder.environment().putAll(env);
        var process = builder.start();
        var listening = new CompletableFuture<Integer>();
        var lastLines = new java.util.concurrent.ConcurrentLinkedDeque<String>();
        var reader = new Thread(() -> {
            try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lastLines.add(line);
                    if (lastLines.size() > 20) {
                        lastLines.poll();
                    }
                    var found = LISTENING.matcher(line);
                    if (found.find()) {
                        listening.complete(Integer.parseInt(found.group(1)));
                    }
                }
            } catch (java.io.IOException ended) {
                // the process is gone
            }
            listening.completeExceptionally(new IllegalStateException("the gateway process ended before it listened:\n"
                    + String.join("\n", lastLines)));
        }, "gateway-process-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new GatewayProcess(process, listening.get(60, TimeUnit.SECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the gateway process did not listen within 60 s:\n"
                    + String.join("\n", lastLines), e);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill() throws Exception {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        kill();
    }
}
