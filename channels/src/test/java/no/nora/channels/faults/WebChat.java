package no.nora.channels.faults;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;

/** A debtor's web chat over the REST API, for the fault tests: sessions, messages and the transcript. */
record WebChat(WebClient client, String id, String token) {

    static WebChat start(WebClient client, String myPageToken) throws Exception {
        var request = client.post("/api/chat/sessions");
        if (myPageToken != null) {
            request.putHeader("Authorization", "Bearer " + myPageToken);
        }
        var response = await(request.send());
        if (response.statusCode() != 201) {
            throw new AssertionError("session not started: " + response.statusCode() + " " + response.bodyAsString());
        }
        var body = response.bodyAsJsonObject();
        return new WebChat(client, body.getString("conversationId"), body.getString("token"));
    }

    /** A My Page token as My Page signs it (the gateway runs with {@code RealSettings.myPage()}). */
    static String myPageToken(String debtorId) {
        return no.nora.channels.testing.RealSettings.myPageToken(debtorId);
    }

    /** A My Page token for a demo debtor (the gateway runs with demo sign-in). */
    static String demoToken(WebClient client, String debtorId) throws Exception {
        return await(client.post("/demo/login").sendJsonObject(new JsonObject().put("debtorId", debtorId)))
                .bodyAsJsonObject().getString("token");
    }

    /** The same chat through another gateway instance. */
    WebChat at(WebClient other) {
        return new WebChat(other, id, token);
    }

    Future<HttpResponse<Buffer>> sayAsync(String text, String clientMessageId) {
        var body = new JsonObject().put("text", text);
        if (clientMessageId != null) {
            body.put("clientMessageId", clientMessageId);
        }
        return client.post("/api/chat/sessions/" + id + "/messages").putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(body);
    }

    HttpResponse<Buffer> say(String text, String clientMessageId) throws Exception {
        return await(sayAsync(text, clientMessageId));
    }

    /** The bot's reply texts of a 200 answer, joined. */
    static String replies(HttpResponse<Buffer> response) {
        var all = new StringBuilder();
        for (Object m : response.bodyAsJsonObject().getJsonArray("messages")) {
            var message = (JsonObject) m;
            if (!"debtor".equals(message.getString("from"))) {
                all.append(message.getString("text")).append('\n');
            }
        }
        return all.toString();
    }

    JsonArray transcript() throws Exception {
        var response = await(client.get("/api/chat/sessions/" + id + "/messages")
                .putHeader("Authorization", "Bearer " + token).send());
        if (response.statusCode() != 200) {
            throw new AssertionError("transcript: " + response.statusCode() + " " + response.bodyAsString());
        }
        return response.bodyAsJsonObject().getJsonArray("messages");
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
