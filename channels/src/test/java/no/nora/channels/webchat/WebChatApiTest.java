package no.nora.channels.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import no.nora.channels.config.GatewayConfig.JwtKey;
import no.nora.channels.http.ErrorResponses;
import no.nora.channels.http.ServiceAuth;
import no.nora.bot.handoff.Agent;
import no.nora.bot.handoff.QueueEntry;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web chat's REST API against a running gateway with a real Redis and a configured My Page secret. */
class WebChatApiTest {
    static final String MY_PAGE_SECRET = "a-my-page-secret-that-is-long-enough-for-hs256";
    static final String SERVICE_TOKEN = "service-token-for-tests";
    private static RunningGateway gateway;
    private static JWTAuth myPage;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.withRedis(Map.of("MYPAGE_JWT_SECRET", MY_PAGE_SECRET, "SERVICE_TOKEN", SERVICE_TOKEN));
        myPage = JWTAuth.create(gateway.gateway().vertx(), new JWTAuthOptions().addPubSecKey(
                new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(MY_PAGE_SECRET)));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void startingAnAnonymousChatAnswersWithTheWelcomeAndThePrivacyNotice() throws Exception {
        var response = send(gateway.client(), HttpMethod.POST, "/api/chat/sessions", null, new JsonObject());

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        var body = response.bodyAsJsonObject();
        assertThat(body.getString("conversationId")).hasSizeGreaterThan(20);
        assertThat(body.getString("token")).hasSizeGreaterThan(40);
        var messages = body.getJsonArray("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.getJsonObject(0).getString("from")).isEqualTo("bot");
        assertThat(messages.getJsonObject(1).getString("from")).isEqualTo("system");
        assertThat(messages.getJsonObject(1).getString("text")).containsIgnoringCase("fødselsnummer");
        assertThat(messages.getJsonObject(0).fieldNames())
                .containsExactlyInAnyOrder("id", "from", "text", "choices", "at", "links");
        // The welcome offers the widget's sign-in action.
        assertThat(messages.getJsonObject(0).getJsonArray("links").getJsonObject(0).getString("url"))
                .isEqualTo("nora:sign-in");
        assertThat(messages.getJsonObject(1).fieldNames()).doesNotContain("links");
    }

    @Test
    void everyAnswerSaysTheConversationsLanguageSoTheWidgetCanFollowIt() throws Exception {
        var nynorsk = send(gateway.client(), HttpMethod.POST, "/api/chat/sessions", null, new JsonObject().put("language", "nn"));
        assertThat(nynorsk.statusCode()).isEqualTo(201);
        assertThat(nynorsk.bodyAsJsonObject().getString("language")).isEqualTo("nn");

        var chat = Chat.start(gateway.client(), null);
        var reply = chat.say("Hello, can I get a copy of my invoice please?", "lang-1").bodyAsJsonObject();
        assertThat(reply.getString("language")).isEqualTo("en");
        var transcript = send(gateway.client(), HttpMethod.GET, "/api/chat/sessions/" + chat.id() + "/messages",
                chat.token(), null).bodyAsJsonObject();
        assertThat(transcript.getString("language")).isEqualTo("en");
    }

    @Test
    void englishIsChosenByTheBodyAndOtherLanguagesAreRefused() throws Exception {
        var english = send(gateway.client(), HttpMethod.POST, "/api/chat/sessions", null, new JsonObject().put("language", "en"));
        assertThat(english.statusCode()).isEqualTo(201);
        assertThat(english.bodyAsJsonObject().getJsonArray("messages").getJsonObject(1).getString("text"))
                .containsIgnoringCase("identity number");

        assertError(send(gateway.client(), HttpMethod.POST, "/api/chat/sessions", null, new JsonObject().put("language", "de")), 400);
        assertError(send(gateway.client(), HttpMethod.POST, "/api/chat/sessions", null, new JsonObject().put("language", 7)), 400);
    }

    @Test
    void aValidMyPageTokenStartsASignedInChat() throws Exception {
        var response = send(gateway.client(), HttpMethod.POST, "/api/chat/sessions", myPageToken("d-1001", 10), new JsonObject());

        assertThat(response.statusCode()).isEqualTo(201);
        String conversationId = response.bodyAsJsonObject().getString("conversationId");
        var state = await(gateway.gateway().bot().engine().find(conversationId)).orElseThrow();
        assertThat(state.debtorId()).contains("d-1001");
    }

    @Test
    void anInvalidOrExpiredMyPageTokenIsA401NotAnAnonymousChat() throws Exception {
        String expired = myPage.generateToken(new JsonObject().put("sub", "d-1001")
                .put("exp", System.currentTimeMillis() / 1000 - 120), new JWTOptions().setAlgorithm("HS256"));
        String otherKey = JWTAuth.create(gateway.gateway().vertx(), new JWTAuthOptions().addPubSecKey(
                        new PubSecKeyOptions().setAlgorithm("HS256").setBuffer("another-secret-that-is-long-enough-too")))
                .generateToken(new JsonObject().put("sub", "d-1001"), new JWTOptions().setExpiresInMinutes(5));

        assertError(send(gateway.client(), HttpMethod.POST, "/api/chat/sessions", expired, null), 401);
        assertError(send(gateway.client(), HttpMethod.POST, "/api/chat/sessions", otherKey, null), 401);
        assertError(send(gateway.client(), HttpMethod.POST, "/api/chat/sessions", "not.a.jwt", null), 401);
    }

    @Test
    void aMessageIsAnsweredWithTheStoredMessageAndTheBotsReplies() throws Exception {
        var chat = Chat.start(gateway.client(), null);

        var response = chat.say("hei", "c-1");

        assertThat(response.statusCode()).isEqualTo(200);
        var messages = response.bodyAsJsonObject().getJsonArray("messages");
        assertThat(messages.size()).isGreaterThanOrEqualTo(2);
        assertThat(messages.getJsonObject(0).getString("from")).isEqualTo("debtor");
        assertThat(messages.getJsonObject(0).getString("text")).isEqualTo("hei");
        assertThat(messages.getJsonObject(1).getString("from")).isEqualTo("bot");
    }

    @Test
    void aRepeatedClientMessageIdGetsTheSameAnswerWithoutASecondTurn() throws Exception {
        var chat = Chat.start(gateway.client(), null);

        var first = chat.say("hei", "same-id").bodyAsJsonObject().getJsonArray("messages");
        var second = chat.say("hei", "same-id").bodyAsJsonObject().getJsonArray("messages");

        assertThat(ids(second)).isEqualTo(ids(first));
        assertThat(chat.transcript(null).size()).isEqualTo(2 + first.size());
    }

    @Test
    void afterPagesTheTranscript() throws Exception {
        var chat = Chat.start(gateway.client(), null);
        chat.say("hei", "p-1");
        var all = chat.transcript(null);
        String second = all.getJsonObject(1).getString("id");

        var after = chat.transcript(second);

        assertThat(ids(after)).isEqualTo(ids(all).subList(2, all.size()));
        assertThat(chat.transcript(all.getJsonObject(all.size() - 1).getString("id"))).isEmpty();
    }

    @Test
    void anIdentityNumberIsStoredAndReturnedRedacted() throws Exception {
        var chat = Chat.start(gateway.client(), null);
        double before = redactions();

        var messages = chat.say("mitt fnr er 17912099997", "r-1").bodyAsJsonObject().getJsonArray("messages");

        assertThat(messages.getJsonObject(0).getString("text")).doesNotContainPattern("[0-9]{7}").contains("[•••]");
        assertThat(chat.transcript(null).encode()).doesNotContainPattern("[0-9]{7}");
        assertThat(redactions()).isEqualTo(before + 1);
    }

    @Test
    void aConversationOpensOnlyWithItsOwnToken() throws Exception {
        var mine = Chat.start(gateway.client(), myPageToken("d-1001", 10));
        var theirs = Chat.start(gateway.client(), myPageToken("d-1002", 10));
        String path = "/api/chat/sessions/" + mine.id + "/messages";

        assertError(send(gateway.client(), HttpMethod.GET, path, null, null), 401);
        assertError(send(gateway.client(), HttpMethod.GET, path, theirs.token, null), 403);
        assertError(send(gateway.client(), HttpMethod.GET, path, myPageToken("d-1001", 10), null), 403);
        assertError(send(gateway.client(), HttpMethod.POST, path, theirs.token, new JsonObject().put("text", "hei")), 403);
        // An unknown conversation looks exactly like a wrong token: existence is never revealed.
        var unknown = send(gateway.client(), HttpMethod.GET, "/api/chat/sessions/NoSuchConversationAtAllX/messages", mine.token, null);
        assertError(unknown, 403);
        assertThat(unknown.bodyAsJsonObject()).isEqualTo(
                send(gateway.client(), HttpMethod.GET, path, theirs.token, null).bodyAsJsonObject());
    }

    @Test
    void textMustBePresentNonBlankTextOfAtMost2000Characters() throws Exception {
        var chat = Chat.start(gateway.client(), null);
        String path = "/api/chat/sessions/" + chat.id + "/messages";

        assertError(send(gateway.client(), HttpMethod.POST, path, chat.token, new JsonObject()), 400);
        assertError(send(gateway.client(), HttpMethod.POST, path, chat.token, new JsonObject().put("text", "   ")), 400);
        assertError(send(gateway.client(), HttpMethod.POST, path, chat.token, new JsonObject().put("text", 42)), 400);
        assertError(send(gateway.client(), HttpMethod.POST, path, chat.token,
                new JsonObject().put("text", "hei").put("clientMessageId", 5)), 400);
        assertError(send(gateway.client(), HttpMethod.POST, path, chat.token,
                new JsonObject().put("text", "hei").put("clientMessageId", "x".repeat(101))), 400);
        assertError(send(gateway.client(), HttpMethod.POST, path, chat.token, new JsonObject().put("text", "a".repeat(2001))), 413);
        assertThat(chat.say("a".repeat(2000), null).statusCode()).isEqualTo(200);
        var malformed = gateway.client().request(HttpMethod.POST, path).putHeader("Authorization", "Bearer " + chat.token)
                .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"text\":"));
        assertError(await(malformed), 400);
    }

    @Test
    void theDebtorOrAServiceCanEraseAConversation() throws Exception {
        var mine = Chat.start(gateway.client(), null);
        var other = Chat.start(gateway.client(), null);

        assertError(send(gateway.client(), HttpMethod.DELETE, "/api/conversations/" + mine.id, null, null), 401);
        assertError(send(gateway.client(), HttpMethod.DELETE, "/api/conversations/" + mine.id, other.token, null), 403);
        assertThat(send(gateway.client(), HttpMethod.DELETE, "/api/conversations/" + mine.id, mine.token, null).statusCode())
                .isEqualTo(204);
        assertThat(send(gateway.client(), HttpMethod.DELETE, "/api/conversations/" + other.id, SERVICE_TOKEN, null).statusCode())
                .isEqualTo(204);

        assertThat(await(gateway.gateway().bot().engine().find(mine.id))).isEmpty();
        assertError(send(gateway.client(), HttpMethod.GET, "/api/chat/sessions/" + mine.id + "/messages", mine.token, null), 403);
    }

    @Test
    void erasingAQueuedConversationTakesItOffTheAgentsQueue() throws Exception {
        var chat = Chat.start(gateway.client(), null);
        assertThat(chat.say("jeg vil snakke med et menneske", null).statusCode()).isEqualTo(200);
        var supervisor = new Agent("sup", "Siri", Agent.Role.SUPERVISOR);
        var handoffs = gateway.gateway().bot().handoffs();
        assertThat(await(handoffs.queue(supervisor))).extracting(QueueEntry::conversationId).contains(chat.id());

        assertThat(send(gateway.client(), HttpMethod.DELETE, "/api/conversations/" + chat.id(), chat.token(), null)
                .statusCode()).isEqualTo(204);

        assertThat(await(handoffs.queue(supervisor))).extracting(QueueEntry::conversationId).doesNotContain(chat.id());
        assertThat(await(gateway.gateway().bot().engine().transcript(chat.id(), java.util.Optional.empty(), true))).isEmpty();
    }

    @Test
    void demoSignInDoesNotExistWhenAMyPageKeyIsConfigured() throws Exception {
        assertError(send(gateway.client(), HttpMethod.GET, "/demo/login", null, null), 404);
        assertError(send(gateway.client(), HttpMethod.POST, "/demo/login", null, new JsonObject().put("debtorId", "d-1001")), 404);
    }

    @Test
    void demoSignInIssuesMyPageTokensForTheDemoDebtorsOnly() throws Exception {
        try (var demo = RunningGateway.inMemory(Map.of())) {
            // Every debtor of the fixtures, with the creditors of their cases.
            assertThat(send(demo.client(), HttpMethod.GET, "/demo/login", null, null).bodyAsString())
                    .contains("data-debtor=\"d-1001\"", "data-debtor=\"d-1004\"", "data-debtor=\"d-1006\"")
                    .contains("Ahmed Khan – 2 saker: Santander Consumer Bank AS, Komplett Services AS")
                    .contains("Lars Johansen – ingen saker");
            assertThat(send(demo.client(), HttpMethod.POST, "/demo/login", null, new JsonObject().put("debtorId", "d-1006"))
                    .statusCode()).isEqualTo(200);
            assertError(send(demo.client(), HttpMethod.POST, "/demo/login", null, new JsonObject().put("debtorId", "d-9")), 400);
            String token = send(demo.client(), HttpMethod.POST, "/demo/login", null, new JsonObject().put("debtorId", "d-1002"))
                    .bodyAsJsonObject().getString("token");

            var started = send(demo.client(), HttpMethod.POST, "/api/chat/sessions", token, null);

            assertThat(started.statusCode()).isEqualTo(201);
            var state = await(demo.gateway().bot().engine().find(started.bodyAsJsonObject().getString("conversationId")));
            assertThat(state.orElseThrow().debtorId()).contains("d-1002");
            // A token signed with anything but the demo's own secret is still refused.
            assertError(send(demo.client(), HttpMethod.POST, "/api/chat/sessions", myPageToken("d-1001", 5), null), 401);
        }
    }

    @Test
    void tooManyMessagesOrRequestsAre429WithRetryAfter() throws Exception {
        try (var limited = LimitedChat.start(gateway, new ChatRoutes.Limits(2, 6))) {
            var client = limited.client();
            var chat = Chat.start(client, null);
            assertThat(chat.say("hei", "l-1").statusCode()).isEqualTo(200);
            assertThat(chat.say("hei", "l-2").statusCode()).isEqualTo(200);

            var perConversation = chat.say("hei", "l-3");
            assertError(perConversation, 429);
            assertThat(Integer.parseInt(perConversation.getHeader("Retry-After"))).isPositive();

            HttpResponse<Buffer> perAddress;
            do {
                perAddress = send(client, HttpMethod.GET, "/api/chat/sessions/" + chat.id + "/messages", chat.token, null);
            } while (perAddress.statusCode() == 200);
            assertError(perAddress, 429);
            assertThat(Integer.parseInt(perAddress.getHeader("Retry-After"))).isPositive();
        }
    }

    @Test
    void requestsWithAWrongTokenDoNotUseUpTheDebtorsMessages() throws Exception {
        try (var limited = LimitedChat.start(gateway, new ChatRoutes.Limits(2, 100))) {
            var client = limited.client();
            var chat = Chat.start(client, null);
            var intruder = new Chat(client, chat.id, "not-the-token");
            for (int i = 0; i < 3; i++) {
                assertThat(intruder.say("hei", "x-" + i).statusCode()).isIn(403, 429);
            }

            assertThat(chat.say("hei", "d-1").statusCode()).isEqualTo(200);
            assertThat(chat.say("takk", "d-2").statusCode()).isEqualTo(200);
            assertError(chat.say("hei igjen", "d-3"), 429);
        }
    }

    // ---- helpers

    /** The chat routes on a server of their own, with small limits, beside the test's gateway. */
    record LimitedChat(HttpServer server, WebClient client) implements AutoCloseable {
        static LimitedChat start(RunningGateway gateway, ChatRoutes.Limits limits) throws Exception {
            Vertx vertx = gateway.gateway().vertx();
            Router router = Router.router(vertx);
            ErrorResponses.install(router);
            router.route("/api/*").handler(BodyHandler.create(false));
            new ChatRoutes(vertx, gateway.gateway().bot().engine(), JwtKey.demoKey(),
                    new ServiceAuth(Optional.empty(), true), new SimpleMeterRegistry(), limits,
                    no.nora.channels.http.ClientAddress.none(), List.of()).mount(router);
            HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0));
            return new LimitedChat(server, WebClient.create(vertx, new io.vertx.ext.web.client.WebClientOptions()
                    .setDefaultHost("localhost").setDefaultPort(server.actualPort())));
        }

        @Override
        public void close() throws Exception {
            client.close();
            await(server.close());
        }
    }

    record Chat(WebClient client, String id, String token) {
        static Chat start(WebClient client, String myPageToken) throws Exception {
            var body = send(client, HttpMethod.POST, "/api/chat/sessions", myPageToken, null).bodyAsJsonObject();
            return new Chat(client, body.getString("conversationId"), body.getString("token"));
        }

        HttpResponse<Buffer> say(String text, String clientMessageId) throws Exception {
            var body = new JsonObject().put("text", text);
            if (clientMessageId != null) {
                body.put("clientMessageId", clientMessageId);
            }
            return send(client, HttpMethod.POST, "/api/chat/sessions/" + id + "/messages", token, body);
        }

        JsonArray transcript(String after) throws Exception {
            var response = send(client, HttpMethod.GET, "/api/chat/sessions/" + id + "/messages"
                    + (after == null ? "" : "?after=" + after), token, null);
            assertThat(response.statusCode()).isEqualTo(200);
            return response.bodyAsJsonObject().getJsonArray("messages");
        }
    }

    static HttpResponse<Buffer> send(WebClient client, HttpMethod method, String path, String bearer, JsonObject body)
            throws Exception {
        var request = client.request(method, path);
        if (bearer != null) {
            request.putHeader("Authorization", "Bearer " + bearer);
        }
        return await(body == null ? request.send() : request.sendJsonObject(body));
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    static void assertError(HttpResponse<Buffer> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).startsWith("application/json");
        assertThat(response.bodyAsJsonObject().getString("error")).isNotBlank();
        assertThat(response.bodyAsJsonObject().getString("message")).isNotBlank();
    }

    static List<String> ids(JsonArray messages) {
        return messages.stream().map(m -> ((JsonObject) m).getString("id")).toList();
    }

    private static String myPageToken(String debtorId, int minutes) {
        return myPage.generateToken(new JsonObject().put("sub", debtorId), new JWTOptions().setExpiresInMinutes(minutes));
    }

    private static double redactions() {
        return gateway.gateway().metrics().counter("nora.redactions", "channel", "web").count();
    }
}
