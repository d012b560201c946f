package no.nora.channels.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import no.nora.channels.attacks.FuzzedRequests.Endpoint;
import no.nora.channels.logging.RedactingJsonEncoder;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A bounded fuzzer over every endpoint, as an attacker would run one: a few thousand raw requests with real and
 * made-up methods, path tricks, odd, huge and duplicated headers, random and oddly encoded bodies, and WebSocket
 * sessions with junk frames or no sign-in at all. Every answer is below 500, holds no stack trace, and every error is
 * the JSON error body; every WebSocket is closed by the gateway in the end; no log line holds what the requests
 * carried; and the gateway still answers {@code /health/live}.
 *
 * <p>Random each run; a failure prints its seed: {@code -Dfuzz.seed=<seed>} replays the same requests
 * ({@code -Dfuzz.requests=N} for more of them).
 */
class EndpointFuzzTest {
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 3000);
    private static final int SOCKETS = 40;
    /** The gateway closes a socket that has not signed in after 10 s; this leaves room for a busy machine. */
    private static final int SOCKET_CLOSE_WITHIN_MS = 20_000;

    @Test
    void noRequestGetsA5xxAStackTraceOrItsDataIntoTheLog() throws Exception {
        long seed = Long.getLong("fuzz.seed", new SecureRandom().nextLong());
        var problems = Collections.synchronizedList(new ArrayList<String>());
        var logs = new ListAppender<ILoggingEvent>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger nora = (Logger) LoggerFactory.getLogger("no.nora");
        logs.start();
        root.addAppender(logs);
        // Our own INFO lines too, into the capture only (additivity off keeps the test output quiet).
        nora.addAppender(logs);
        nora.setLevel(Level.INFO);
        nora.setAdditive(false);
        ExecutorService sockets = Executors.newFixedThreadPool(SOCKETS);
        long started = System.nanoTime();
        try (var gateway = RunningGateway.inMemory(Map.of("CHAT_REQUESTS_PER_ADDRESS_PER_MINUTE", "1000000"))) {
            int port = gateway.port();
            var chat = new JsonObject(RawHttp.send(port, "POST", "/api/chat/sessions",
                    Map.of("Content-Type", "application/json"), FuzzedRequests.utf8("{}")).text());
            String id = chat.getString("conversationId");
            var tokens = new ArrayList<String>(List.of(chat.getString("token")));
            var agentLogin = RawHttp.send(port, "POST", "/demo/agent-login", Map.of("Content-Type", "application/json"),
                    FuzzedRequests.utf8("{\"name\":\"Fuzz\",\"role\":\"supervisor\"}"));
            if (agentLogin.status() == 200) {
                tokens.add(new JsonObject(agentLogin.text()).getString("token"));
            }

            var wsFrames = new AtomicInteger();
            var upgraded = new AtomicInteger();
            var sessions = new ArrayList<Future<?>>();
            for (int i = 0; i < SOCKETS; i++) {
                int session = i;
                sessions.add(sockets.submit(() -> webSocketSession(port, id, tokens, new Random(seed + 1 + session),
                        session, upgraded, wsFrames, problems)));
            }

            var requests = new FuzzedRequests(new Random(seed), endpoints(id), tokens);
            var statuses = new TreeMap<Integer, Integer>();
            int serverErrors = 0;
            int unknownVersions = 0;
            for (int i = 0; i < REQUESTS; i++) {
                var request = requests.next();
                var answer = RawHttp.exchange(port, request.bytes());
                statuses.merge(answer.status(), 1, Integer::sum);
                if (answer.status() == 501 && request.isUnknownVersion()) {
                    unknownVersions++;
                } else if (answer.status() >= 500) {
                    serverErrors++;
                }
                check(i, request, answer).ifPresent(problems::add);
                if (i % 500 == 499) {
                    assertAlive(port, seed, problems);
                }
            }
            for (var session : sessions) {
                session.get(60, TimeUnit.SECONDS);
            }
            assertAlive(port, seed, problems);
            problems.addAll(leaks(logs));

            System.out.printf("Fuzzer (seed %d): %d HTTP requests, %d WebSocket sessions (%d upgraded) with %d frames;"
                            + " 5xx: %d (besides %d × Vert.x's 501 for an unknown HTTP version); statuses %s"
                            + " (0 = closed without an answer); %.1f s%n", seed, REQUESTS, SOCKETS, upgraded.get(),
                    wsFrames.get(), serverErrors, unknownVersions, statuses, (System.nanoTime() - started) / 1e9);
            assertThat(problems).as("fuzzer seed %d (replay with -Dfuzz.seed=%d)", seed, seed).isEmpty();
        } finally {
            sockets.shutdownNow();
            nora.detachAppender(logs);
            nora.setAdditive(true);
            nora.setLevel(null);
            root.detachAppender(logs);
        }
    }

    /** Every endpoint of the gateway, with a body it would accept. */
    private static List<Endpoint> endpoints(String id) {
        String json = "application/json";
        String form = "application/x-www-form-urlencoded";
        String canary = FuzzedRequests.CANARY;
        String agentText = "{\"text\":\"hei " + canary + "\",\"private\":false}";
        return List.of(
                new Endpoint("POST", "/api/chat/sessions", json, "{\"language\":\"nb\"}"),
                new Endpoint("POST", "/api/chat/sessions/" + id + "/messages", json,
                        "{\"text\":\"hva er saldoen min " + canary + "\",\"clientMessageId\":\"" + canary + "\"}"),
                new Endpoint("GET", "/api/chat/sessions/" + id + "/messages?after=x", null, null),
                new Endpoint("GET", "/api/chat/sessions/" + id + "/ws", null, null),
                new Endpoint("DELETE", "/api/conversations/" + id, null, null),
                new Endpoint("POST", "/api/nlu/parse", json, "{\"text\":\"kan jeg betale " + canary + "\"}"),
                new Endpoint("POST", "/api/sms/reminders", json, "{\"caseId\":\"c-2003\",\"phone\":\"+4791234567\"}"),
                new Endpoint("POST", "/sms/twilio/inbound", form,
                        "Body=" + canary + "&From=%2B4791234567&To=%2B4759440000&MessageSid=SMfuzz"),
                new Endpoint("POST", "/sms/twilio/status", form, "MessageSid=SMfuzz&MessageStatus=delivered"),
                new Endpoint("GET", "/api/agent/queue", null, null),
                new Endpoint("GET", "/api/agent/conversations/" + id, null, null),
                new Endpoint("POST", "/api/agent/conversations/" + id + "/claim", json, "{}"),
                new Endpoint("POST", "/api/agent/conversations/" + id + "/messages", json, agentText),
                new Endpoint("POST", "/api/agent/conversations/" + id + "/release", json, "{}"),
                new Endpoint("POST", "/api/agent/conversations/" + id + "/close", json, "{}"),
                new Endpoint("GET", "/api/agent/ws", null, null),
                new Endpoint("POST", "/demo/login", json, "{\"debtorId\":\"d-1001\"}"),
                new Endpoint("GET", "/demo/login", null, null),
                new Endpoint("POST", "/demo/agent-login", json, "{\"name\":\"" + canary + "\",\"role\":\"agent\"}"),
                new Endpoint("GET", "/demo/sms/outbox", null, null),
                new Endpoint("POST", "/demo/sms/reply", json, "{\"from\":\"+4791234567\",\"text\":\"" + canary + "\"}"),
                new Endpoint("GET", "/health/live", null, null),
                new Endpoint("GET", "/health/ready", null, null),
                new Endpoint("GET", "/metrics", null, null),
                new Endpoint("GET", "/", null, null),
                new Endpoint("GET", "/agent/", null, null),
                new Endpoint("GET", "/widget.js", null, null),
                new Endpoint("GET", "/demo/sms.html", null, null));
    }

    /** What is wrong with one answer, if anything. */
    private static java.util.Optional<String> check(int index, FuzzedRequests.Fuzzed request, RawHttp.Answer answer) {
        String problem = null;
        if (answer.status() == RawHttp.TIMED_OUT) {
            problem = "no answer within 10 s, connection left open";
        } else if (answer.status() >= 500 && !(answer.status() == 501 && request.isUnknownVersion())) {
            problem = "server error";
        } else if (hasStackTrace(answer.text())) {
            problem = "stack trace in the body";
        } else if (answer.headers().keySet().stream().anyMatch(h -> h.startsWith("x-injected") || h.equals("set-cookie"))) {
            problem = "a header injected into the answer";
        } else if (answer.status() >= 400 && answer.status() != 501 && !request.method().equals("HEAD")
                && !isJsonError(answer)) {
            problem = "an error without the JSON error body";
        }
        return java.util.Optional.ofNullable(problem).map(p -> "#" + index + " " + request.description() + ": " + p
                + " – " + abbreviated(answer.toString()));
    }

    private static boolean isJsonError(RawHttp.Answer answer) {
        if (!String.valueOf(answer.header("Content-Type")).startsWith("application/json")) {
            return false;
        }
        try {
            var error = new JsonObject(answer.text());
            return error.getValue("error") instanceof String && error.getValue("message") instanceof String;
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    private static boolean hasStackTrace(String text) {
        return text.contains("Exception") || text.contains("\tat ") || text.contains("io.vertx.")
                || text.contains("io.netty.") || text.contains("java.lang.");
    }

    /** One WebSocket session of a kind chosen by its number; the gateway must close it in the end. */
    private static Void webSocketSession(int port, String id, List<String> tokens, Random random, int session,
                                         AtomicInteger upgraded, AtomicInteger frames, List<String> problems)
            throws Exception {
        String path = switch (session % 3) {
            case 0 -> "/api/chat/sessions/" + id + "/ws";
            case 1 -> "/api/agent/ws";
            default -> "/api/chat/sessions/" + FuzzedRequests.CANARY + "/ws?token=%zz";
        };
        String kind = List.of("never signs in", "junk frames", "junk JSON", "control frames").get(session % 4);
        String what = "WebSocket " + session + " (" + kind + ") on " + path;
        try (var ws = RawWebSocket.open(port, path, SOCKET_CLOSE_WITHIN_MS)) {
            if (ws.handshake.status() == 101) {
                upgraded.incrementAndGet();
            } else {
                if (ws.handshake.status() >= 500 || ws.handshake.status() < 400) {
                    problems.add(what + ": upgrade answered " + ws.handshake);
                }
                return null;
            }
            int sent = switch (kind) {
                case "never signs in" -> 0;
                case "junk frames" -> junkFrames(ws, random);
                case "junk JSON" -> junkJson(ws, tokens, random);
                default -> controlFrames(ws, random);
            };
            frames.addAndGet(sent);
            List<String> received = ws.readUntilClosed();
            received.stream().filter(EndpointFuzzTest::hasStackTrace)
                    .forEach(frame -> problems.add(what + ": stack trace in a frame: " + abbreviated(frame)));
        } catch (java.net.SocketTimeoutException open) {
            problems.add(what + ": " + open.getMessage());
        }
        return null;
    }

    private static int junkFrames(RawWebSocket ws, Random random) throws Exception {
        int count = 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            byte[] payload = new byte[random.nextInt(200)];
            random.nextBytes(payload);
            long claimed = random.nextInt(10) == 0 ? payload.length + 1L + random.nextInt(1 << 20) : payload.length;
            ws.frame(random.nextInt(256), random.nextInt(5) != 0, claimed, payload, random);
        }
        return count;
    }

    private static int junkJson(RawWebSocket ws, List<String> tokens, Random random) throws Exception {
        var frames = List.of("{\"type\":\"auth\",\"token\":\"" + FuzzedRequests.CANARY + "\"}",
                "{\"type\":\"auth\",\"token\":" + "[".repeat(3000) + "]".repeat(3000) + "}",
                "{\"type\":\"message\",\"text\":\"" + FuzzedRequests.CANARY + "\"}", "{\"type\":\"auth\"}",
                "{\"type\":\"auth\",\"token\":{\"$ne\":null}}", "not json " + FuzzedRequests.CANARY, "[]", "null",
                "{\"type\":\"watch\",\"conversationId\":\"../../" + FuzzedRequests.CANARY + "\"}",
                "{\"type\":\"typing\"}", "{\"type\":\"message\",\"text\":\"" + "x".repeat(70_000) + "\"}");
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            ws.text(frames.get(random.nextInt(frames.size())), random);
        }
        // A signed-in socket stays open: after junk with a real token, the client says goodbye itself.
        if (random.nextBoolean()) {
            ws.text("{\"type\":\"auth\",\"token\":\"" + tokens.get(random.nextInt(tokens.size())) + "\"}", random);
            ws.text(frames.get(random.nextInt(frames.size())), random);
            ws.frame(0x88, true, 2, new byte[] {0x03, (byte) 0xE8}, random);
            count += 3;
        }
        return count;
    }

    private static int controlFrames(RawWebSocket ws, Random random) throws Exception {
        byte[] big = new byte[200];
        random.nextBytes(big);
        switch (random.nextInt(4)) {
            case 0 -> ws.frame(0x89, true, big.length, big, random); // a ping longer than 125 bytes
            case 1 -> ws.frame(0x09, true, 4, new byte[] {1, 2, 3, 4}, random); // a fragmented ping
            case 2 -> ws.frame(0x80, true, 3, new byte[] {'a', 'b', 'c'}, random); // continuation of nothing
            default -> {
                ws.frame(0x01, true, 3, new byte[] {'{', '"', 't'}, random); // a text frame never finished
                ws.frame(0x82, true, big.length, big, random); // then a new binary one
            }
        }
        return 1;
    }

    /** The gateway answers its liveness check. */
    private static void assertAlive(int port, long seed, List<String> problems) throws Exception {
        var live = RawHttp.send(port, "GET", "/health/live", Map.of(), null);
        if (live.status() != 200) {
            problems.add("/health/live answered " + live + " (seed " + seed + ")");
        }
    }

    /** Log lines (as the production encoder writes them) that hold the canary, or errors: a 500 logs one. */
    private static List<String> leaks(ListAppender<ILoggingEvent> logs) {
        var encoder = new RedactingJsonEncoder();
        var found = new ArrayList<String>();
        for (var event : List.copyOf(logs.list)) {
            String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
            if (line.contains(FuzzedRequests.CANARY) || event.getLevel() == Level.ERROR) {
                // The failure's message is not in the log; for whoever reads this report, it helps.
                String failure = event.getThrowableProxy() == null ? "" : " (" + event.getThrowableProxy().getMessage() + ")";
                found.add("log line: " + abbreviated(line) + failure);
            }
        }
        return found;
    }

    private static String abbreviated(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "…";
    }
}
