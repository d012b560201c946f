package no.nora.channels.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.nora.channels.logging.RedactingJsonEncoder;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Requests that are the client's mistake, as an attacker sends them over a raw socket: each gets a 4xx with the JSON
 * error body – never a 500 – and no log line holds what the request carried (names, addresses, passwords).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientMistakesTest {
    private static final String FORM = "application/x-www-form-urlencoded";
    /** What a leaked log line would show: a name, an address and a password, as a login form would send them. */
    private static final String SECRET = "Kari+Nordmann&address=Storgata+1&password=hemmelig-passord";
    private static final List<String> LEAKS = List.of("Nordmann", "Storgata", "hemmelig");

    private RunningGateway gateway;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private String chatId;

    @BeforeAll
    void start() throws Exception {
        logs.start();
        root.addAppender(logs);
        gateway = RunningGateway.inMemory(Map.of("TWILIO_ACCOUNT_SID", "ACattacks", "TWILIO_AUTH_TOKEN", "attack-token",
                "TWILIO_FROM", "+4759440000", "TWILIO_API_BASE", "http://127.0.0.1:9",
                "PUBLIC_URL", "https://nora.example.no", "CHAT_REQUESTS_PER_ADDRESS_PER_MINUTE", "100000"));
        var session = RawHttp.send(gateway.port(), "POST", "/api/chat/sessions", Map.of("Content-Type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8));
        chatId = new JsonObject(session.text()).getString("conversationId");
    }

    @AfterAll
    void stop() throws Exception {
        root.detachAppender(logs);
        gateway.close();
    }

    @BeforeEach
    void forgetEarlierLogs() {
        logs.list.clear();
    }

    Stream<String> formPaths() {
        return Stream.of("/api/chat/sessions", "/api/chat/sessions/" + chatId + "/messages", "/api/agent/queue",
                "/api/nlu/parse", "/api/sms/reminders", "/sms/twilio/inbound", "/sms/twilio/status", "/api/nope",
                "/demo/login", "/demo/agent-login", "/demo/sms/reply");
    }

    /** Once a 500 whose log line printed the form: GET and TRACE with a body were decoded as a form. */
    @ParameterizedTest(name = "GET and TRACE {0} with a form body")
    @MethodSource("formPaths")
    void aFormBodyOnGetOrTraceIsNoServerError(String path) throws Exception {
        for (String method : List.of("GET", "TRACE")) {
            var answer = RawHttp.send(gateway.port(), method, path, Map.of("Content-Type", FORM),
                    ("name=" + SECRET).getBytes(StandardCharsets.UTF_8));
            assertThat(answer.status()).as(method + " " + path + ": " + answer).isBetween(200, 499);
            if (answer.status() >= 400) {
                assertJsonClientError(method + " " + path, answer);
            }
        }
        assertNothingLeaked();
    }

    /** Netty's form decoder throws on "%zz"; that was a 500, and the log printed the whole body. */
    @ParameterizedTest(name = "POST {0} with a malformed %-escape")
    @MethodSource("formPaths")
    void aMalformedPercentEscapeInAFormIsA4xx(String path) throws Exception {
        for (String body : List.of("name=%zz&n=" + SECRET, "name=" + SECRET + "%", "name=%E" + SECRET, "%=" + SECRET)) {
            var answer = RawHttp.send(gateway.port(), "POST", path, Map.of("Content-Type", FORM),
                    body.getBytes(StandardCharsets.UTF_8));
            assertJsonClientError("POST " + path + " " + body, answer);
        }
        assertNothingLeaked();
    }

    /**
     * Found by the fuzzer: a form posted to a URL whose query has a malformed %-escape was never answered (the body
     * handler decoded the query after the body had arrived, and its exception went nowhere), and the log line quoted
     * the URL.
     */
    @ParameterizedTest(name = "POST {0}?q=%zz with a form")
    @MethodSource("formPaths")
    void aMalformedQueryOnAFormPostIsAnswered(String path) throws Exception {
        var answer = RawHttp.send(gateway.port(), "POST", path + "?password=%zz&name=" + SECRET,
                Map.of("Content-Type", FORM), ("Body=" + SECRET).getBytes(StandardCharsets.UTF_8));

        assertJsonClientError("POST " + path + "?password=%zz", answer);
        assertNothingLeaked();
    }

    Stream<String> socketPaths() {
        return Stream.of("/api/chat/sessions/" + chatId + "/ws", "/api/agent/ws");
    }

    /** A WebSocket upgrade that declares an empty body was a 500; it is an upgrade like any other. */
    @ParameterizedTest(name = "upgrade {0} with Content-Length: 0")
    @MethodSource("socketPaths")
    void aWebSocketUpgradeWithAnEmptyBodyIsNoServerError(String path) throws Exception {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Upgrade", "websocket");
        headers.put("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        headers.put("Sec-WebSocket-Version", "13");
        headers.put("Content-Length", "0");
        var head = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        var answer = RawHttp.exchange(gateway.port(), head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).as(path + ": " + answer).isEqualTo(101);
        assertNothingLeaked();
    }

    private static void assertJsonClientError(String what, RawHttp.Answer answer) {
        assertThat(answer.status()).as(what + ": " + answer).isBetween(400, 499);
        assertThat(answer.header("Content-Type")).as(what).startsWith("application/json");
        var error = new JsonObject(answer.text());
        assertThat(error.getString("error")).as(what).isNotBlank();
        assertThat(error.getString("message")).as(what).isNotBlank();
    }

    /** Nothing logged at all holds the request's data, in the event or as the encoder writes it. */
    private void assertNothingLeaked() {
        var encoder = new RedactingJsonEncoder();
        for (var event : List.copyOf(logs.list)) {
            String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
            for (String leak : LEAKS) {
                assertThat(line).as("a log line").doesNotContain(leak);
            }
        }
        assertThat(logs.list).as("no errors logged for a client's mistake")
                .noneMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR);
    }
}
