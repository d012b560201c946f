package no.nora.channels.attacks;

import static no.nora.channels.attacks.SettingsMatrixTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Slow and greedy clients: connections with half-sent headers stayed open for ever (~21 000 exhausted the file
 * descriptors), a body that never finishes, a kept-alive connection trickling a byte at a time, and WebSocket upgrades
 * without limit. Here the deadlines are short (half a second) so the test need not wait for the production values.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientsTest {
    private static final int SLOW_CLIENTS = 300;
    private RunningGateway gateway;

    @BeforeAll
    void start() throws Exception {
        gateway = RunningGateway.inMemory(Map.of("HTTP_HEADER_TIMEOUT", "500ms", "HTTP_BODY_TIMEOUT", "500ms",
                "HTTP_KEEP_ALIVE_TIMEOUT", "1s"));
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void halfSentHeadersAreCutOffAfterTheHeaderTimeout() throws Exception {
        var sockets = new ArrayList<Socket>();
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                var socket = connect();
                socket.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                sockets.add(socket);
            }
            for (var socket : sockets) {
                assertThat(readUntilClosed(socket.getInputStream())).as("closed by the gateway").isTrue();
            }
            assertThat(gateway.gateway().openConnections()).isZero();
        } finally {
            for (var socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void aBodyThatNeverFinishesIsCutOff() throws Exception {
        try (var socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/chat/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"lang").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readUntilClosed(socket.getInputStream())).isTrue();
        }
    }

    @Test
    void aKeptAliveConnectionTricklingBytesIsCutOff() throws Exception {
        try (var socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = new byte[12];
            assertThat(in.readNBytes(head, 0, 12)).isEqualTo(12);
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            // The next request, a byte at a time: each byte resets an idle timer, not this deadline.
            boolean closed = false;
            for (int i = 0; i < 40 && !closed; i++) {
                try {
                    out.write('G');
                    out.flush();
                } catch (IOException e) {
                    closed = true;
                    break;
                }
                socket.setSoTimeout(100);
                try {
                    while (in.read() >= 0) {
                        // the rest of the first answer
                    }
                    closed = true;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // not yet
                }
            }
            assertThat(closed).as("closed within 4 s of trickling").isTrue();
        }
    }

    @Test
    void webSocketUpgradesPerClientAreLimited() throws Exception {
        var vertx = Vertx.vertx();
        try {
            WebSocketClient client = vertx.createWebSocketClient();
            int refused = 0;
            for (int i = 0; i < 80; i++) {
                var result = client.connect(new WebSocketConnectOptions().setPort(gateway.port()).setHost("localhost")
                        .setURI("/api/chat/sessions/nosuchconversation/ws"))
                        .toCompletionStage().toCompletableFuture().handle((ws, e) -> {
                            if (ws != null) {
                                ws.close();
                                return 101;
                            }
                            return e instanceof io.vertx.core.http.UpgradeRejectedException r ? r.getStatus() : -1;
                        }).get(10, java.util.concurrent.TimeUnit.SECONDS);
                refused += result == 429 ? 1 : 0;
            }
            assertThat(refused).isPositive();
        } finally {
            await(vertx.close());
        }
    }

    private Socket connect() throws IOException {
        var socket = new Socket("localhost", gateway.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Reads until the gateway closes the connection; false when it stays open for the socket's timeout. */
    private static boolean readUntilClosed(InputStream in) {
        try {
            while (in.read() >= 0) {
                // an answer (408) may come before the close
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
