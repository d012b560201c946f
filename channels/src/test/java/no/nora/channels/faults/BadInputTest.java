package no.nora.channels.faults;

import static no.nora.channels.faults.WebChat.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.nora.bot.testing.TestRedis;
import no.nora.channels.sms.TwilioSignature;
import no.nora.channels.testing.RealSettings;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input on every endpoint: a 4xx with the JSON error body, never a 500, never a crash, nothing stored. The
 * gateway runs on its own Redis, so "nothing stored" is checked by counting keys after every request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    private static final String PUBLIC_URL = "https://nora.example.no";
    private static final String TWILIO_TOKEN = "primary-auth-token";
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";

    private TestRedis redis;
    private RunningGateway gateway;
    private Vertx vertx;
    private final java.net.http.HttpClient jdk = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    private Redis keys;
    private WebChat chat;
    private String agentToken;

    /** One bad request and the status range it must get. */
    record Case(String name, HttpMethod method, String path, String contentType, Object body, int lowest, int highest) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void start() throws Exception {
        redis = TestRedis.dedicated();
        gateway = RunningGateway.start(Map.of("REDIS_URL", redis.connectionString(), "AGENT_HOURS", "always",
                "TWILIO_ACCOUNT_SID", no.nora.channels.testing.RealSettings.TWILIO_ACCOUNT_SID, "TWILIO_AUTH_TOKEN", TWILIO_TOKEN, "TWILIO_FROM", "+4759440000",
                "TWILIO_API_BASE", "http://127.0.0.1:9", "PUBLIC_URL", PUBLIC_URL,
                "CHAT_REQUESTS_PER_ADDRESS_PER_MINUTE", "100000", "SERVICE_TOKEN", RealSettings.SERVICE_TOKEN,
                "AGENT_JWT_SECRET", RealSettings.AGENT_SECRET));
        vertx = Vertx.vertx();
        keys = Redis.createClient(vertx, redis.connectionString());
        chat = WebChat.start(gateway.client(), null);
        agentToken = RealSettings.sign(RealSettings.AGENT_SECRET, new JsonObject().put("sub", "a-1")
                .put("name", "Test Agent").put("role", "agent"), 3600);
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
        await(vertx.close());
        redis.stop();
    }

    private final java.util.List<Case> oversized = new java.util.ArrayList<>();

    Stream<Case> oversized() {
        cases().count();
        return oversized.stream();
    }

    /**
     * Bodies beyond the 64 KB limit: 413 with the JSON body, and the connection closed (the unread rest of the body
     * would otherwise be taken for the next request on it – which once made the request after one hang).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("oversized")
    void oversizedBodiesAre413(Case bad) throws Exception {
        badInputIsA4xxWithTheJsonErrorBodyAndStoresNothing(bad);
    }

    private record Answer(int status, String contentType, Buffer body) {
    }

    /**
     * Through the JDK's HTTP client, with keep-alive like a browser or Twilio: the gateway must leave every
     * connection fit for the next request. (A path the JDK will not even send, like "%zz", goes through a Vert.x
     * client of its own.)
     */
    private Answer send(RequestOptions options, String path, Buffer body) throws Exception {
        java.net.URI uri;
        try {
            uri = java.net.URI.create("http://localhost:" + gateway.port() + path);
        } catch (IllegalArgumentException notSendable) {
            var client = vertx.createHttpClient();
            var answered = client.request(options).compose(request -> body == null ? request.send() : request.send(body))
                    .compose(response -> response.body().map(b -> new Answer(response.statusCode(),
                            String.valueOf(response.getHeader("Content-Type")), b)));
            return answered.eventually(client::close).toCompletionStage().toCompletableFuture()
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        var request = java.net.http.HttpRequest.newBuilder(uri).timeout(java.time.Duration.ofSeconds(10))
                .method(options.getMethod().name(), body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.getBytes()));
        if (options.getHeaders() != null) {
            options.getHeaders().forEach(h -> request.header(h.getKey(), h.getValue()));
        }
        var response = jdk.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                Buffer.buffer(response.body()));
    }

    Stream<Case> cases() {
        String deep = "[".repeat(30_000) + "]".repeat(30_000);
        String deepest = "[".repeat(100_000) + "]".repeat(100_000);
        byte[] invalidUtf8 = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
        String huge = "{\"text\":\"" + "a".repeat(1_000_000) + "\"}";
        String messages = "/api/chat/sessions/" + chat.id() + "/messages";
        var cases = new java.util.ArrayList<Case>();
        oversized.clear();
        for (String path : List.of("/api/chat/sessions", messages, "/api/nlu/parse", "/api/sms/reminders",
                "/demo/login", "/demo/agent-login", "/api/agent/conversations/" + chat.id() + "/messages")) {
            cases.add(new Case(path + " malformed", HttpMethod.POST, path, JSON, "{\"text\":", 400, 415));
            cases.add(new Case(path + " 30 000 nested arrays", HttpMethod.POST, path, JSON, deep, 400, 415));
            oversized.add(new Case(path + " 100 000 nested arrays", HttpMethod.POST, path, JSON, deepest, 400, 415));
            cases.add(new Case(path + " a JSON array", HttpMethod.POST, path, JSON, "[1,2,3]", 400, 415));
            cases.add(new Case(path + " a JSON string", HttpMethod.POST, path, JSON, "\"hei\"", 400, 415));
            cases.add(new Case(path + " JSON null", HttpMethod.POST, path, JSON, "null", 400, 415));
            cases.add(new Case(path + " wrong types", HttpMethod.POST, path, JSON,
                    "{\"text\":42,\"language\":[],\"caseId\":{},\"phone\":1,\"debtorId\":true,\"name\":7,"
                            + "\"clientMessageId\":5,\"private\":\"x\"}", 400, 415));
            oversized.add(new Case(path + " 1 MB body", HttpMethod.POST, path, JSON, huge, 400, 415));
            cases.add(new Case(path + " invalid UTF-8", HttpMethod.POST, path, JSON, Buffer.buffer(invalidUtf8), 400, 415));
            cases.add(new Case(path + " text/plain", HttpMethod.POST, path, "text/plain", "text=hei", 400, 415));
            cases.add(new Case(path + " unknown fields only", HttpMethod.POST, path, JSON,
                    "{\"unknown\":1,\"language\":\"xx\"}", 400, 415));
            if (!path.equals("/api/chat/sessions")) { // there an empty body starts an anonymous chat
                cases.add(new Case(path + " empty body", HttpMethod.POST, path, JSON, "", 400, 415));
            }
        }
        for (String path : List.of("/sms/twilio/inbound", "/sms/twilio/status")) {
            cases.add(new Case(path + " unsigned", HttpMethod.POST, path, FORM, "Body=hei&From=%2B4791234567", 403, 403));
            cases.add(new Case(path + " JSON instead of a form", HttpMethod.POST, path, JSON, "{\"Body\":\"hei\"}", 403, 415));
            oversized.add(new Case(path + " 1 MB form", HttpMethod.POST, path, FORM, "Body=" + "a".repeat(1_000_000), 403, 413));
            cases.add(new Case(path + " empty", HttpMethod.POST, path, FORM, "", 403, 403));
            cases.add(new Case(path + " signed, required fields missing", HttpMethod.POST, path, FORM,
                    signed(path, Map.of("Body", "hei")), 400, 400));
        }
        cases.add(new Case("status signed, unknown status", HttpMethod.POST, "/sms/twilio/status", FORM,
                signed("/sms/twilio/status", Map.of("MessageSid", RealSettings.messageSid(), "MessageStatus", "exploded",
                        "AccountSid", RealSettings.TWILIO_ACCOUNT_SID)), 400, 400));
        for (String path : List.of("/../pom.xml", "/%2e%2e/pom.xml", "/%2E%2E/%2E%2E/pom.xml", "/..%2fpom.xml",
                "/%2e%2e%2fpom.xml", "/..%5cpom.xml", "/agent/../../pom.xml", "/agent/%2e%2e/%2e%2e/pom.xml",
                "/%252e%252e/pom.xml", "/static/..%00/pom.xml", "/.git/config", "/WEB-INF/web.xml")) {
            cases.add(new Case("static " + path, HttpMethod.GET, path, null, null, 400, 404));
        }
        cases.add(new Case("unknown conversation", HttpMethod.GET, "/api/chat/sessions/nope/messages", null, null, 401, 403));
        cases.add(new Case("bad percent-encoding", HttpMethod.GET, "/api/chat/sessions/%zz/messages", null, null, 400, 401));
        cases.add(new Case("health by POST", HttpMethod.POST, "/health/ready", JSON, "{}", 404, 405));
        cases.add(new Case("metrics by DELETE", HttpMethod.DELETE, "/metrics", null, null, 404, 405));
        cases.add(new Case("agent queue without a token", HttpMethod.GET, "/api/agent/queue", null, null, 401, 401));
        cases.add(new Case("erase without a token", HttpMethod.DELETE, "/api/conversations/" + chat.id(), null, null, 401, 401));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsA4xxWithTheJsonErrorBodyAndStoresNothing(Case bad) throws Exception {
        long keysBefore = keyCount();
        var options = new RequestOptions().setMethod(bad.method()).setHost("localhost").setPort(gateway.port())
                .setURI(bad.path());
        if (bad.path().startsWith("/api/chat/sessions/" + chat.id())) {
            options.putHeader("Authorization", "Bearer " + chat.token());
        } else if (bad.path().startsWith("/api/agent/conversations")) {
            options.putHeader("Authorization", "Bearer " + agentToken);
        }
        if (bad.contentType() != null) {
            options.putHeader("Content-Type", bad.contentType());
        }
        if (bad.path().startsWith("/sms/") && bad.body() instanceof String form && form.startsWith("sig=")) {
            options.putHeader(TwilioSignature.HEADER, form.substring(4, form.indexOf('&')));
        }
        Buffer body = bad.body() == null ? null : bad.body() instanceof Buffer b ? b
                : Buffer.buffer(stripSignature((String) bad.body()));
        Answer result = send(options, bad.path(), body);
        int status = result.status();
        Buffer answer = result.body();

        assertThat(status).as(bad.name() + ": " + answer).isBetween(bad.lowest(), bad.highest());
        assertThat(result.contentType()).as(bad.name()).startsWith("application/json");
        var error = new JsonObject(answer);
        assertThat(error.getString("error")).isNotBlank();
        assertThat(error.getString("message")).isNotBlank();
        assertThat(answer.toString()).doesNotContain("<project").doesNotContain("Exception");
        assertThat(keyCount()).as("nothing stored").isEqualTo(keysBefore);
        assertThat(await(gateway.client().get("/health/live").send()).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injections")
    void lineBreaksInAnSmsBodyReachNoHeader(String body) throws Exception {
        var params = new LinkedHashMap<String, String>();
        params.put("MessageSid", RealSettings.messageSid());
        params.put("AccountSid", RealSettings.TWILIO_ACCOUNT_SID);
        params.put("From", "+4791234567");
        params.put("To", "+4759440000");
        params.put("Body", body);
        var form = MultiMap.caseInsensitiveMultiMap();
        params.forEach(form::add);
        var handled = new java.util.concurrent.CompletableFuture<Void>();
        gateway.gateway().sms().onHandled(h -> {
            if (h.messageSid().equals(params.get("MessageSid"))) {
                handled.complete(null);
            }
        });
        var response = await(gateway.client().post("/sms/twilio/inbound")
                .putHeader(TwilioSignature.HEADER, TwilioSignature.sign(TWILIO_TOKEN, PUBLIC_URL + "/sms/twilio/inbound", params))
                .sendForm(form));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().names()).noneMatch(name -> name.toLowerCase().startsWith("x-injected")
                || name.equalsIgnoreCase("set-cookie"));
        handled.get(30, java.util.concurrent.TimeUnit.SECONDS); // handled before the next test counts keys
    }

    Stream<String> injections() {
        return Stream.of("hei\r\nX-Injected: yes", "hei\nSet-Cookie: a=b", "hei\r\n\r\n<Response><Message>x</Message></Response>");
    }

    private static String signed(String path, Map<String, String> params) {
        var form = new StringBuilder("sig=").append(TwilioSignature.sign(TWILIO_TOKEN, PUBLIC_URL + path, params));
        params.forEach((k, v) -> form.append('&').append(k).append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return form.toString();
    }

    private static String stripSignature(String body) {
        return body.startsWith("sig=") ? body.substring(body.indexOf('&') + 1) : body;
    }

    /**
     * Keys that requests store. The day's figures and the review inbox are written a moment after the turns of the
     * earlier (good) requests ended, so they are left out: no bad request reaches a turn.
     */
    private long keyCount() throws Exception {
        long count = 0;
        for (var key : await(keys.send(Request.cmd(Command.KEYS).arg("*")))) {
            String name = key.toString();
            if (!name.startsWith("nora:figures:") && !name.startsWith("{nora:learning}")) {
                count++;
            }
        }
        return count;
    }
}
