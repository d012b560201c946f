package no.nora.channels.faults;

import static no.nora.channels.faults.WebChat.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import no.nora.bot.testing.TestRedis;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis stops in the middle of conversations and comes back: the gateway says 503 (with Retry-After) and
 * readiness names the store while it is away, loses no message it answered with 200, turns a retried message
 * into exactly one turn, and recovers – commands and live events – without a restart.
 */
class RedisOutageTest {
    private static final int CHATS = 8;

    private TestRedis redis;
    private RunningGateway gateway;

    @BeforeEach
    void start() throws Exception {
        redis = TestRedis.durable();
        gateway = RunningGateway.start(Map.of("REDIS_URL", redis.connectionString(), "AGENT_HOURS", "always"));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            gateway.close();
        } finally {
            redis.stop();
        }
    }

    @Test
    void whileRedisIsDownMessagesAre503AndAfterwardsEveryAcceptedMessageIsThereOnce() throws Exception {
        var chats = new ArrayList<WebChat>();
        for (int i = 0; i < CHATS; i++) {
            var chat = WebChat.start(gateway.client(), null);
            assertThat(chat.say("hei", "first").statusCode()).isEqualTo(200);
            chats.add(chat);
        }
        // Messages in flight when Redis stops: each is either answered (200) or refused (503), nothing else.
        var inFlight = new ArrayList<Future<HttpResponse<Buffer>>>();
        for (var chat : chats) {
            inFlight.add(chat.sayAsync("takk for hjelpen", "second"));
        }
        redis.stop();
        var accepted = new ArrayList<Boolean>();
        for (var response : inFlight) {
            var answered = await(response);
            assertThat(answered.statusCode()).as(answered.bodyAsString()).isIn(200, 503);
            accepted.add(answered.statusCode() == 200);
        }

        for (var chat : chats) {
            var refused = chat.say("hva skylder jeg", "third");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.getHeader("Retry-After")).isNotBlank();
            assertThat(refused.getHeader("Content-Type")).startsWith("application/json");
            assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("store_unavailable");
            assertThat(refused.bodyAsJsonObject().getString("message")).contains("not received");
        }
        var ready = await(gateway.client().get("/health/ready").send());
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(check(ready.bodyAsJsonObject(), "store").getString("status")).isEqualTo("DOWN");
        assertThat(await(gateway.client().get("/health/live").send()).statusCode()).isEqualTo(200);

        redis.restart();
        awaitReady();

        // The client retries what was refused, with the same clientMessageId; what was accepted is repeated too.
        for (var chat : chats) {
            assertThat(chat.say("takk for hjelpen", "second").statusCode()).isEqualTo(200);
            assertThat(chat.say("hva skylder jeg", "third").statusCode()).isEqualTo(200);
            assertThat(debtorTexts(chat.transcript()))
                    .as("every accepted message once, in order").containsExactly("hei", "takk for hjelpen", "hva skylder jeg");
        }
        assertThat(accepted).hasSize(CHATS);
    }

    @Test
    void liveEventsFlowAgainAfterRedisComesBack() throws Exception {
        var chat = WebChat.start(gateway.client(), null);
        redis.stop();
        assertThat(chat.say("hei", "a").statusCode()).isEqualTo(503);
        redis.restart();
        awaitReady();

        // The subscriber connection reconnects by itself: a push reaches a socket opened after the outage.
        var pushed = new CompletableFuture<JsonObject>();
        var sockets = gateway.gateway().vertx().createWebSocketClient();
        awaitSubscriberThenSend(sockets, chat, pushed);
        var event = pushed.get(30, TimeUnit.SECONDS);
        assertThat(event.getJsonObject("message").getString("text")).isEqualTo("hei igjen");
        await(sockets.close());
    }

    /**
     * Opens the chat's socket and sends a message; retries (bounded) until a live event arrives, because the
     * subscriber reconnects on its own backoff after Redis returns.
     */
    private void awaitSubscriberThenSend(WebSocketClient sockets, WebChat chat, CompletableFuture<JsonObject> pushed)
            throws Exception {
        var socket = await(sockets.connect(new WebSocketConnectOptions().setHost("localhost").setPort(gateway.port())
                .setURI("/api/chat/sessions/" + chat.id() + "/ws")));
        var ready = Promise.<Void>promise();
        socket.textMessageHandler(frame -> {
            var json = new JsonObject(frame);
            if ("ready".equals(json.getString("type"))) {
                ready.tryComplete();
            } else if ("message".equals(json.getString("type"))
                    && "debtor".equals(json.getJsonObject("message").getString("from"))) {
                pushed.complete(json);
            }
        });
        socket.writeTextMessage(new JsonObject().put("type", "auth").put("token", chat.token()).encode());
        await(ready.future());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int attempt = 0;
        while (!pushed.isDone() && System.nanoTime() < deadline) {
            String text = attempt++ == 0 ? "hei igjen" : "hei igjen";
            assertThat(chat.say(text, "live-" + attempt).statusCode()).isEqualTo(200);
            try {
                pushed.get(1, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException notYet) {
                // the subscriber is still on its backoff; the next message will tell
            }
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (await(gateway.client().get("/health/ready").send()).statusCode() == 200) {
                return;
            }
            await(gateway.gateway().vertx().timer(100));
        }
        throw new AssertionError("the gateway did not become ready again within 30 s");
    }

    private static JsonObject check(JsonObject ready, String id) {
        return ready.getJsonArray("checks").stream().map(JsonObject.class::cast)
                .filter(c -> id.equals(c.getString("id"))).findFirst().orElseThrow();
    }

    private static List<String> debtorTexts(JsonArray transcript) {
        return transcript.stream().map(JsonObject.class::cast).filter(m -> "debtor".equals(m.getString("from")))
                .map(m -> m.getString("text")).toList();
    }
}
