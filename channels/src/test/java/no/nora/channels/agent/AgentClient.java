package no.nora.channels.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import no.nora.bot.Bot;
import no.nora.bot.Inbound;
import no.nora.bot.testing.EventFeed;
import no.nora.bot.NewConversation;
import no.nora.bot.Turn;
import no.nora.channels.testing.RunningGateway;
import no.nora.redact.Redactor;

/** Test helpers for the agent API: sign-in, requests, a live feed, and debtors driven through the engine. */
final class AgentClient {
    private final RunningGateway gateway;
    final String token;

    private AgentClient(RunningGateway gateway, String token) {
        this.gateway = gateway;
        this.token = token;
    }

    static AgentClient signIn(RunningGateway gateway, String name, String role) throws Exception {
        var response = await(gateway.client().post("/demo/agent-login")
                .sendJsonObject(new JsonObject().put("name", name).put("role", role)));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return new AgentClient(gateway, response.bodyAsJsonObject().getString("token"));
    }

    static AgentClient withToken(RunningGateway gateway, String token) {
        return new AgentClient(gateway, token);
    }

    HttpResponse<Buffer> get(String path) throws Exception {
        return await(gateway.client().get(path).bearerTokenAuthentication(token).send());
    }

    Future<HttpResponse<Buffer>> postAsync(String path, JsonObject body) {
        return gateway.client().post(path).bearerTokenAuthentication(token).sendJsonObject(body);
    }

    HttpResponse<Buffer> post(String path, JsonObject body) throws Exception {
        return await(postAsync(path, body));
    }

    HttpResponse<Buffer> claim(String id) throws Exception {
        return post("/api/agent/conversations/" + id + "/claim", new JsonObject());
    }

    HttpResponse<Buffer> say(String id, String text, boolean internal) throws Exception {
        return post("/api/agent/conversations/" + id + "/messages", new JsonObject().put("text", text).put("private", internal));
    }

    /** A debtor conversation handed to people: two misunderstood messages in a row. */
    static String queuedConversation(Bot bot, NewConversation conversation) throws Exception {
        var id = await(bot.engine().start(conversation)).state().id();
        debtorSays(bot, id, "blå elefanter danser");
        debtorSays(bot, id, "månen er av ost");
        return id;
    }

    static Turn debtorSays(Bot bot, String id, String text) throws Exception {
        return await(bot.engine().receive(id, new Inbound(Optional.empty(), Redactor.redact(text))));
    }

    /** The agent's live feed on /api/agent/ws, authenticated and ready. */
    EventFeed live(Vertx vertx) throws Exception {
        var feed = new EventFeed();
        WebSocket ws = await(vertx.createWebSocketClient().connect(new WebSocketConnectOptions()
                .setHost("localhost").setPort(gateway.port()).setURI("/api/agent/ws")));
        ws.textMessageHandler(text -> feed.add(new JsonObject(text)));
        await(ws.writeTextMessage(new JsonObject().put("type", "auth").put("token", token).encode()));
        feed.await(e -> "ready".equals(e.getString("type")));
        return feed;
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
