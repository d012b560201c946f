package no.nora.channels.webchat;

import static no.nora.channels.webchat.WebChatApiTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.WebSocketClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import no.nora.bot.conversation.Author;
import no.nora.bot.conversation.Message;
import no.nora.bot.live.ConversationEvents;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chat WebSocket: authorised by the first frame, pushes the conversation's events, takes debtor messages. */
class WebChatSocketTest {
    private static RunningGateway gateway;
    private static Vertx vertx;
    private static WebSocketClient sockets;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.withRedis(Map.of());
        vertx = Vertx.vertx();
        sockets = vertx.createWebSocketClient();
    }

    @AfterAll
    static void stop() throws Exception {
        await(sockets.close());
        await(vertx.close());
        gateway.close();
    }

    @Test
    void repliesToAMessageSentOnTheSocketArePushed() throws Exception {
        var chat = WebChatApiTest.Chat.start(gateway.client(), null);
        var socket = Socket.open(chat);

        socket.ws.writeTextMessage(new JsonObject().put("type", "message").put("text", "hei")
                .put("clientMessageId", "ws-1").encode());

        var reply = socket.next(e -> "message".equals(e.getString("type"))
                && "bot".equals(e.getJsonObject("message").getString("from")));
        assertThat(reply.getJsonObject("message").getString("text")).isNotBlank();
        var ack = socket.next(e -> "ack".equals(e.getString("type")));
        assertThat(ack.getString("clientMessageId")).isEqualTo("ws-1");
        assertThat(ack.getJsonArray("messages").getJsonObject(0).getString("text")).isEqualTo("hei");
        socket.ws.close();
    }

    @Test
    void messagesSentOverRestArePushedButInternalNotesNeverAre() throws Exception {
        var chat = WebChatApiTest.Chat.start(gateway.client(), null);
        var socket = Socket.open(chat);
        var engine = gateway.gateway().bot().engine();
        var note = new Message("InternalNoteX", Author.AGENT, "internal note", List.of(), java.time.Instant.now(), true);
        await(engine.events().publish(ConversationEvents.conversation(chat.id()),
                new JsonObject().put("type", "message").put("message", note.toJson())));

        chat.say("mitt fnr er 17912099997", "rest-1");

        var debtor = socket.next(e -> "message".equals(e.getString("type"))
                && "debtor".equals(e.getJsonObject("message").getString("from")));
        assertThat(debtor.getJsonObject("message").getString("text")).doesNotContainPattern("[0-9]{7}");
        socket.next(e -> "message".equals(e.getString("type"))
                && "bot".equals(e.getJsonObject("message").getString("from")));
        assertThat(socket.frames).noneMatch(e -> e.encode().contains("internal note"));
        socket.ws.close();
    }

    @Test
    void aNumberSplitOverTwoMessagesIsRemovedFromTheFirstOnTheSocketAndInTheTranscript() throws Exception {
        var chat = WebChatApiTest.Chat.start(gateway.client(), null);
        var socket = Socket.open(chat);
        assertThat(socket.frames.get(0).getString("language")).isEqualTo("nb");
        var first = chat.say("fnr 010190", "split-1").bodyAsJsonObject().getJsonArray("messages").getJsonObject(0);
        assertThat(first.getString("text")).isEqualTo("fnr 010190");

        chat.say("12345", "split-2");

        var updated = socket.next(e -> "message-updated".equals(e.getString("type")));
        assertThat(updated.getJsonObject("message").getString("id")).isEqualTo(first.getString("id"));
        assertThat(updated.getJsonObject("message").getString("text")).isEqualTo("fnr [•••]");
        assertThat(chat.transcript(null).getJsonObject(2).getString("text")).isEqualTo("fnr [•••]");
        socket.ws.close();
    }

    @Test
    void aWrongTokenClosesTheSocket() throws Exception {
        var chat = WebChatApiTest.Chat.start(gateway.client(), null);
        var other = WebChatApiTest.Chat.start(gateway.client(), null);
        WebSocket ws = await(sockets.connect(gateway.port(), "localhost", "/api/chat/sessions/" + chat.id() + "/ws"));
        var closed = new CompletableFuture<Short>();
        ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));

        ws.writeTextMessage(new JsonObject().put("type", "auth").put("token", other.token()).encode());

        assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(ChatSocket.REFUSED);
    }

    /** A connected, authorised socket that records every frame and lets a test await the next matching one. */
    private record Socket(WebSocket ws, List<JsonObject> frames, List<Waiter> waiters) {
        record Waiter(Predicate<JsonObject> test, CompletableFuture<JsonObject> result) {
        }

        static Socket open(WebChatApiTest.Chat chat) throws Exception {
            WebSocket ws = await(sockets.connect(gateway.port(), "localhost", "/api/chat/sessions/" + chat.id() + "/ws"));
            var socket = new Socket(ws, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
            ws.textMessageHandler(text -> {
                var frame = new JsonObject(text);
                socket.frames.add(frame);
                socket.waiters.stream().filter(w -> w.test.test(frame)).forEach(w -> w.result.complete(frame));
            });
            ws.writeTextMessage(new JsonObject().put("type", "auth").put("token", chat.token()).encode());
            socket.next(e -> "ready".equals(e.getString("type")));
            return socket;
        }

        JsonObject next(Predicate<JsonObject> test) throws Exception {
            var waiter = new Waiter(test, new CompletableFuture<>());
            waiters.add(waiter);
            frames.stream().filter(test).findFirst().ifPresent(waiter.result::complete);
            return waiter.result.get(10, TimeUnit.SECONDS);
        }
    }
}
