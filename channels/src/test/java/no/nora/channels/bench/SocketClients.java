package no.nora.channels.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * The other side of the WebSocket benchmark, in a process of its own: opens one authorised chat socket per line
 * ({@code conversationId token}) of the file, prints {@code OPEN <n>} once all are ready, and holds them until its
 * standard input closes.
 */
final class SocketClients {
    private SocketClients() {
    }

    static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        var lines = Files.readAllLines(Path.of(args[1]));
        var vertx = Vertx.vertx();
        var client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(lines.size() + 10));
        int ready = 0;
        for (int from = 0; from < lines.size(); from += 200) {
            var batch = new ArrayList<Future<Void>>();
            for (String line : lines.subList(from, Math.min(lines.size(), from + 200))) {
                String[] parts = line.split(" ");
                batch.add(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                        .setURI("/api/chat/sessions/" + parts[0] + "/ws")).compose(socket -> {
                            var promise = io.vertx.core.Promise.<Void>promise();
                            socket.textMessageHandler(frame -> {
                                if (frame.contains("\"ready\"")) {
                                    promise.tryComplete();
                                }
                            });
                            socket.closeHandler(v -> promise.tryFail("closed"));
                            socket.writeTextMessage(new JsonObject().put("type", "auth").put("token", parts[1]).encode());
                            return promise.future();
                        }));
            }
            for (var f : batch) {
                GatewayBenchmarks.await(f);
                ready++;
            }
        }
        System.out.println("OPEN " + ready);
        System.out.flush();
        System.in.read();
        System.exit(0);
    }
}
