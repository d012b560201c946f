package no.nora.channels.bench;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The benchmark's debtors: signed-in demo debtors (d-1001..d-1003) running a realistic mix of conversations over
 * the web chat's REST API – an invoice copy with a case choice, a payment check, an instalment plan with
 * confirmation, greetings and thanks. Each slot runs one conversation at a time and starts a new one when its
 * script is done, so no conversation meets the per-conversation rate limit.
 */
final class Conversations {
    static final List<List<String>> SCRIPTS = List.of(
            List.of("hei", "kan jeg få en kopi av fakturaen?", "2", "takk"),
            List.of("har dere mottatt betalingen min?", "takk for hjelpen"),
            List.of("kan jeg betale 500 kr i måneden?", "Fjordkraft", "ja", "tusen takk"),
            List.of("hei", "takk", "ha det bra"));

    private final HttpClient client;
    private final int port;
    private final List<String> myPageTokens;

    Conversations(HttpClient client, int port, List<String> myPageTokens) {
        this.client = client;
        this.port = port;
        this.myPageTokens = myPageTokens;
    }

    /** One debtor at a time: its conversation, its script, where it is. */
    final class Slot {
        private String id;
        private String token;
        private List<String> script = List.of();
        private int next;
        private int counter;
        boolean busy;

        /** Sends the slot's next message (starting a new conversation first when needed); completes with the status. */
        Future<Integer> sendNext(long[] startedNanos) {
            busy = true;
            Future<Void> ready = next < script.size() ? Future.succeededFuture() : startConversation();
            return ready.compose(v -> {
                String text = script.get(next++);
                var body = new JsonObject().put("text", text).put("clientMessageId", "m-" + counter++).toBuffer();
                startedNanos[0] = startedNanos[0] == 0 ? System.nanoTime() : startedNanos[0];
                return request(HttpMethod.POST, "/api/chat/sessions/" + id + "/messages", token, body);
            }).transform(result -> {
                busy = false;
                if (result.failed() || result.result() != 200) {
                    next = script.size(); // start afresh
                }
                return Future.succeededFuture(result.succeeded() ? result.result() : -1);
            });
        }

        private Future<Void> startConversation() {
            String myPage = myPageTokens.get(ThreadLocalRandom.current().nextInt(myPageTokens.size()));
            return client.request(options(HttpMethod.POST, "/api/chat/sessions", myPage))
                    .compose(r -> r.send()).compose(r -> r.body().map(b -> {
                        if (r.statusCode() != 201) {
                            throw new IllegalStateException("session: " + r.statusCode() + " " + b);
                        }
                        var json = b.toJsonObject();
                        id = json.getString("conversationId");
                        token = json.getString("token");
                        script = SCRIPTS.get(ThreadLocalRandom.current().nextInt(SCRIPTS.size()));
                        next = 0;
                        return null;
                    }));
        }
    }

    Slot slot() {
        return new Slot();
    }

    private Future<Integer> request(HttpMethod method, String path, String bearer, Buffer body) {
        return client.request(options(method, path, bearer).putHeader("Content-Type", "application/json"))
                .compose(r -> r.send(body)).compose(r -> r.body().map(b -> r.statusCode()));
    }

    private RequestOptions options(HttpMethod method, String path, String bearer) {
        return new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path)
                .putHeader("Authorization", "Bearer " + bearer);
    }
}
