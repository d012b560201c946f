package no.nora.channels.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.Test;

/**
 * Made-up HTTP methods cannot grow memory without bound: each method name was a label value of the HTTP server
 * metrics, so 82 000 requests of {@code M<random> /health/live} ended in an OutOfMemoryError at -Xmx256m and a 62 MB
 * {@code /metrics}. Measured here as the size of {@code /metrics} before and after 20 000 such requests; unknown
 * methods now fold into one label value, {@code OTHER}.
 */
class MetricsStayBoundedTest {
    private static final int REQUESTS = 20_000;
    /** Room for the counters that legitimately change (and the timers' buckets of the few real methods). */
    private static final int GROWTH_ALLOWED = 64 * 1024;

    @Test
    void madeUpMethodsDoNotGrowTheMetrics() throws Exception {
        try (var gateway = RunningGateway.inMemory(Map.of())) {
            int before = metricsSize(gateway.port());
            var random = new Random(18);
            var socket = keepAlive(gateway.port());
            for (int i = 0; i < REQUESTS; i++) {
                String method = "M" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36).toUpperCase();
                try {
                    write(socket.getOutputStream(), method + " /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n");
                    assertThat(RawHttp.read(socket.getInputStream()).status()).isBetween(400, 499);
                } catch (IOException closed) {
                    socket.close();
                    socket = keepAlive(gateway.port());
                }
            }
            socket.close();
            int after = metricsSize(gateway.port());

            System.out.printf("/metrics: %d bytes before, %d bytes after %d requests with made-up methods%n",
                    before, after, REQUESTS);
            assertThat(after - before).as("growth of /metrics in bytes").isLessThan(GROWTH_ALLOWED);
        }
    }

    private static int metricsSize(int port) throws IOException {
        var metrics = RawHttp.send(port, "GET", "/metrics", Map.of(), null);
        assertThat(metrics.status()).isEqualTo(200);
        return metrics.body().length;
    }

    private static Socket keepAlive(int port) throws IOException {
        var socket = new Socket("localhost", port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void write(OutputStream out, String request) throws IOException {
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
