package no.nora.channels.bench;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
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

    private static final Buffer NO_OPTIONS = Buffer.buffer("{}");

    private final HttpWire.Pool gateway;
    private final List<String> myPageTokens;

    Conversations(HttpWire.Pool gateway, List<String> myPageTokens) {
        this.gateway = gateway;
        this.myPageTokens = myPageTokens;
    }

    /** One debtor at a time: its conversation, its script, where it is. */
    final class Slot {
        private String id;
        private String token;
        private List<String> script = List.of();
        private int next;
        private int counter;

        /** Sends the slot's next message (starting a new conversation first when needed); completes with the status. */
        Future<Integer> sendNext(long[] startedNanos) {
            Future<Void> ready = next < script.size() ? Future.succeededFuture() : startConversation();
            return ready.compose(v -> {
                String text = script.get(next++);
                var body = new JsonObject().put("text", text).put("clientMessageId", "m-" + counter++).toBuffer();
                startedNanos[0] = startedNanos[0] == 0 ? System.nanoTime() : startedNanos[0];
                return gateway.postJson("/api/chat/sessions/" + id + "/messages", token, body);
            }).transform(result -> {
                int status = result.succeeded() ? result.result().status() : -1;
                if (status != 200) {
                    next = script.size(); // start afresh
                }
                return Future.succeededFuture(status);
            });
        }

        private Future<Void> startConversation() {
            String myPage = myPageTokens.get(ThreadLocalRandom.current().nextInt(myPageTokens.size()));
            return gateway.postJson("/api/chat/sessions", myPage, NO_OPTIONS).map(answer -> {
                if (answer.status() != 201) {
                    throw new IllegalStateException("session: " + answer.status() + " " + answer.body());
                }
                var json = answer.body().toJsonObject();
                id = json.getString("conversationId");
                token = json.getString("token");
                script = SCRIPTS.get(ThreadLocalRandom.current().nextInt(SCRIPTS.size()));
                next = 0;
                return null;
            });
        }
    }

    Slot slot() {
        return new Slot();
    }
}
