package no.nora.channels;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import no.nora.bot.testing.TestRedis;
import no.nora.channels.logging.RedactingJsonEncoder;
import no.nora.channels.sms.FakeTwilio;
import no.nora.channels.sms.SignedWebhooks;
import no.nora.channels.testing.RealSettings;
import no.nora.channels.testing.RunningGateway;
import no.nora.redact.Redactor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The auditor's test: identity, account and phone numbers go in through every channel, in every disguise; then
 * every sink – captured logs, every Redis key and value, the requests the case API received, outbound SMS, what
 * agents see and the metrics – is scanned, and none holds a run of seven or more digits. The attacks of issue 18 are
 * among the inputs: a number typed a digit per message, digits of scripts newer than the JDK's tables, a client
 * message id and a token subject holding a number, and agent replies whose digits the SMS shaping would join.
 */
class PrivacySinksTest {
    private static final String PUBLIC_URL = "https://nora.example.no";
    private static final String TWILIO_TOKEN = "privacy-test-auth-token";
    private static final String OURS = "+4759440000";
    /** An identity number as a My Page token's subject: it may reach the case API, nothing else. */
    private static final String NATIONAL_ID_SUBJECT = "17912099997";
    private static final List<String> DISGUISES = List.of(
            "mitt fnr er 17912099997",
            "fødselsnummer 179120 99997, kan jeg få kopi av fakturaen?",
            "kontonummer 1234.56.78903",
            "ring meg på +47 68 05 12 34",
            "KID: 20241105001235 er betalt",
            "１７９１２０９９９９７",
            "179120\u200B99997 takk",
            "fnr17912099997takk",
            "jeg er uenig i kravet, mitt personnummer 17912099997 stemmer ikke",
            "fnr " + digitsFrom(0x16AC0) + " (Tangsa)",
            "fnr " + digitsFrom(0x11F50) + " (Kawi)",
            "fnr " + digitsFrom(0x1E4F0) + " (Nag Mundari)");
    /** One digit per message: no message holds a number, the conversation does. */
    private static final List<String> ONE_DIGIT_EACH = List.of("1", "7", "9", "1", "2", "0", "9", "9", "9", "9", "7");
    /** Agents' replies that are harmless to the redactor but become a number once shaped for SMS. */
    private static final List<String> AGENT_SMS_ATTACKS = List.of("Ref 123😀456😀7890",
            "Ref 123\t\t\t\t456\t\t\t\t7890");

    private static TestRedis redis;
    private static FakeTwilio twilio;
    private static RunningGateway gateway;
    private static ListAppender<ILoggingEvent> logs;
    private static Logger noraLogger;

    @BeforeAll
    static void start() throws Exception {
        noraLogger = (Logger) LoggerFactory.getLogger("no.nora");
        noraLogger.setLevel(Level.DEBUG);
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        redis = TestRedis.dedicated();
        twilio = new FakeTwilio();
        var env = new HashMap<String, String>();
        env.put("REDIS_URL", redis.connectionString());
        env.put("AGENT_HOURS", "always");
        env.put("TWILIO_ACCOUNT_SID", no.nora.channels.testing.RealSettings.TWILIO_ACCOUNT_SID);
        env.put("TWILIO_AUTH_TOKEN", TWILIO_TOKEN);
        env.put("TWILIO_FROM", OURS);
        env.put("TWILIO_API_BASE", twilio.baseUrl());
        env.put("PUBLIC_URL", PUBLIC_URL);
        env.put("SERVICE_TOKEN", RealSettings.SERVICE_TOKEN);
        env.putAll(RealSettings.myPage());
        env.putAll(RealSettings.agents());
        env.put("CHAT_REQUESTS_PER_ADDRESS_PER_MINUTE", "10000");
        gateway = RunningGateway.start(env);
    }

    @AfterAll
    static void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        noraLogger.setLevel(null);
        gateway.close();
        twilio.close();
        redis.stop();
    }

    @Test
    void noSinkEverHoldsARunOfSevenDigits() throws Exception {
        talkOnTheWeb(null, everyAttack());
        talkOnTheWeb(myPageToken("d-1001"), everyAttack());
        talkOnTheWeb(myPageToken("d-1003"), everyAttack());
        // The demo case API knows no such debtor (and a turn that asks it fails today): the state is what counts.
        talkOnTheWeb(myPageToken(NATIONAL_ID_SUBJECT), List.of("hei"));
        int replies = talkBySms("+4792000123");

        var findings = new ArrayList<String>();
        int agentSms = scanAgentView(findings);
        scanLearningViews(findings);
        var metrics = await(gateway.client().get("/metrics")
                .putHeader("Authorization", "Bearer " + RealSettings.SERVICE_TOKEN).send());
        assertThat(metrics.statusCode()).isEqualTo(200);
        // Names and labels: the values are measurements (durations with many decimals), not text anyone wrote.
        metrics.bodyAsString().lines().map(line -> line.startsWith("#") ? line : line.substring(0, line.lastIndexOf(' ')))
                .forEach(line -> check(findings, "metrics", line));
        scanRedis(findings);
        // What production writes (every event through the redacting encoder), and what our own code logs before
        // that safety net: neither may hold a number.
        var encoder = new RedactingJsonEncoder();
        logs.list.forEach(event -> check(findings, "log output", new String(encoder.encode(event), StandardCharsets.UTF_8)));
        logs.list.stream().filter(event -> event.getLoggerName().startsWith("no.nora"))
                .forEach(event -> check(findings, "log " + event.getLoggerName(), event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage())));
        assertThat(logs.list).as("the gateway logged while it worked").isNotEmpty();
        gateway.gateway().demoCaseApi().orElseThrow().requests()
                .forEach(r -> check(findings, "case API " + r.type(), r.body() + " " + r.idempotencyKey()));
        var sent = twilio.awaitSent(replies + agentSms);
        sent.forEach(sms -> check(findings, "outbound SMS", sms.body() + " " + sms.statusCallback()));
        assertThat(sent).as("the agent's replies went out by SMS")
                .anySatisfy(sms -> assertThat(sms.body()).startsWith("Ref "));

        assertThat(gateway.gateway().demoCaseApi().orElseThrow().requests()).as("the case API was reached").isNotEmpty();
        assertThat(findings).isEmpty();
    }

    private static List<String> everyAttack() {
        var texts = new ArrayList<>(DISGUISES);
        texts.addAll(List.of("179120", "99997", "1", "ja"));
        texts.addAll(ONE_DIGIT_EACH);
        return texts;
    }

    private static void talkOnTheWeb(String myPageToken, List<String> texts) throws Exception {
        var start = gateway.client().post("/api/chat/sessions");
        if (myPageToken != null) {
            start.putHeader("Authorization", "Bearer " + myPageToken);
        }
        var session = await(start.sendJsonObject(new JsonObject())).bodyAsJsonObject();
        String path = "/api/chat/sessions/" + session.getString("conversationId") + "/messages";
        int sent = 0;
        for (String text : texts) {
            // The client's message id holds a number too.
            var response = await(gateway.client().post(path)
                    .putHeader("Authorization", "Bearer " + session.getString("token"))
                    .sendJsonObject(new JsonObject().put("text", text).put("clientMessageId", "17912099997/" + sent++)));
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
            assertThat(Redactor.containsForbiddenRun(response.bodyAsString()))
                    .as("web reply to '%s': %s", text, response.bodyAsString()).isFalse();
        }
    }

    /** Sends every disguise by SMS after a reminder, each once it is handled; returns how many SMS Twilio received. */
    private static int talkBySms(String phone) throws Exception {
        var handled = new java.util.concurrent.LinkedBlockingQueue<String>();
        gateway.gateway().sms().onHandled(h -> handled.add(h.messageSid()));
        var reminder = await(gateway.client().post("/api/sms/reminders")
                .putHeader("Authorization", "Bearer " + RealSettings.SERVICE_TOKEN)
                .sendJsonObject(new JsonObject().put("caseId", "c-2001").put("phone", phone)));
        assertThat(reminder.statusCode()).as(reminder.bodyAsString()).isEqualTo(202);
        int i = 0;
        var texts = new ArrayList<>(DISGUISES);
        texts.addAll(ONE_DIGIT_EACH);
        for (String text : texts) {
            var params = SignedWebhooks.sms("SMprivacy" + (char) ('a' + i++), phone, OURS, text);
            var response = await(new SignedWebhooks(TWILIO_TOKEN, PUBLIC_URL).post(gateway.client(), params));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(handled.poll(20, TimeUnit.SECONDS)).as("handled: %s", text).isEqualTo(params.get("MessageSid"));
        }
        return twilio.sent().size();
    }

    /**
     * What a supervisor sees: the queue, and each queued conversation's summary and transcript with notes. Each is
     * claimed and answered with texts the SMS shaping would turn into numbers; returns how many of those went by SMS.
     */
    private static int scanAgentView(List<String> findings) throws Exception {
        String token = RealSettings.agentToken("s-1", "Siri Supervisor", "supervisor");
        var queue = await(gateway.client().get("/api/agent/queue").putHeader("Authorization", "Bearer " + token).send());
        assertThat(queue.statusCode()).isEqualTo(200);
        check(findings, "agent queue", queue.bodyAsString());
        var entries = queue.bodyAsJsonObject().getJsonArray("queue");
        int smsReplies = 0;
        assertThat(entries).as("conversations went to the queue").isNotEmpty();
        for (int i = 0; i < entries.size(); i++) {
            String id = entries.getJsonObject(i).getString("conversationId");
            var details = await(gateway.client().get("/api/agent/conversations/" + id)
                    .putHeader("Authorization", "Bearer " + token).send());
            assertThat(details.statusCode()).isEqualTo(200);
            check(findings, "agent view of " + id, details.bodyAsString());
            // An agent pastes a number into a private note: it is removed too.
            await(gateway.client().post("/api/agent/conversations/" + id + "/claim")
                    .putHeader("Authorization", "Bearer " + token).send());
            var note = await(gateway.client().post("/api/agent/conversations/" + id + "/messages")
                    .putHeader("Authorization", "Bearer " + token)
                    .sendJsonObject(new JsonObject().put("text", "debitor oppga fnr 17912099997").put("private", true)));
            check(findings, "agent note answer", note.bodyAsString());
            for (String text : AGENT_SMS_ATTACKS) {
                var reply = await(gateway.client().post("/api/agent/conversations/" + id + "/messages")
                        .putHeader("Authorization", "Bearer " + token)
                        .sendJsonObject(new JsonObject().put("text", text)));
                assertThat(reply.statusCode()).as(reply.bodyAsString()).isEqualTo(201);
                check(findings, "agent reply answer", reply.bodyAsString());
                if ("sms".equals(details.bodyAsJsonObject().getString("channel"))) {
                    smsReplies++;
                }
            }
        }
        assertThat(smsReplies).as("an SMS conversation was queued and answered").isPositive();
        return smsReplies;
    }

    /**
     * What the team that trains Nora sees: the review inbox, every item labelled, the examples, their export for the
     * corpus and the figures with the most frequent unanswered phrasings.
     */
    private static void scanLearningViews(List<String> findings) throws Exception {
        String token = RealSettings.agentToken("s-1", "Siri Supervisor", "supervisor");
        var inbox = await(gateway.client().get("/api/agent/review?limit=500").putHeader("Authorization", "Bearer " + token)
                .send());
        assertThat(inbox.statusCode()).isEqualTo(200);
        check(findings, "review inbox", inbox.bodyAsString());
        var ids = new io.vertx.core.json.JsonArray();
        inbox.bodyAsJsonObject().getJsonArray("groups").forEach(g -> ((JsonObject) g).getJsonArray("items")
                .forEach(i -> ids.add(((JsonObject) i).getString("id"))));
        assertThat(ids).as("misunderstood messages reached the inbox").isNotEmpty();
        var labelled = await(gateway.client().post("/api/agent/review/decisions")
                .putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(new JsonObject().put("items", ids).put("decision", "label").put("intent", "out_of_scope")));
        assertThat(labelled.statusCode()).as(labelled.bodyAsString()).isEqualTo(200);
        for (String path : List.of("/api/agent/training/examples", "/api/agent/training/examples.tsv",
                "/api/agent/figures?days=1")) {
            var view = await(gateway.client().get(path).putHeader("Authorization", "Bearer " + token).send());
            assertThat(view.statusCode()).as(path).isEqualTo(200);
            check(findings, path, view.bodyAsString());
        }
    }

    /** My Page's token for a debtor (the demo's sign-in is closed beside real Twilio). */
    private static String myPageToken(String subject) {
        return RealSettings.myPageToken(subject);
    }

    /** The number 17912099997 in the digits of the script whose zero is {@code zero}. */
    private static String digitsFrom(int zero) {
        var number = new StringBuilder();
        "17912099997".chars().forEach(d -> number.appendCodePoint(zero + d - '0'));
        return number.toString();
    }

    private static void scanRedis(List<String> findings) throws Exception {
        var vertx = Vertx.vertx();
        Redis client = Redis.createClient(vertx, redis.connectionString());
        try {
            String cursor = "0";
            int keys = 0;
            do {
                Response page = await(client.send(Request.cmd(Command.SCAN).arg(cursor).arg("COUNT").arg(500)));
                cursor = page.get(0).toString();
                for (Response keyResponse : page.get(1)) {
                    String key = keyResponse.toString();
                    keys++;
                    check(findings, "Redis key", key);
                    var values = values(client, key);
                    for (String value : values) {
                        check(findings, "Redis " + key, value);
                    }
                    if (key.endsWith(":m")) {
                        // A transcript read as the debtor typed it: a number may be spread over many messages.
                        check(findings, "Redis transcript " + key, String.join("\n", values.stream()
                                .map(JsonObject::new).filter(m -> "d".equals(m.getString("f")))
                                .map(m -> m.getString("t")).toList()));
                    }
                }
            } while (!cursor.equals("0"));
            assertThat(keys).as("Redis holds the conversations").isGreaterThan(3);
        } finally {
            await(client.close());
            await(vertx.close());
        }
    }

    private static List<String> values(Redis client, String key) throws Exception {
        String type = await(client.send(Request.cmd(Command.TYPE).arg(key))).toString();
        Response values = switch (type) {
            case "string" -> await(client.send(Request.cmd(Command.GET).arg(key)));
            case "hash" -> await(client.send(Request.cmd(Command.HGETALL).arg(key)));
            case "list" -> await(client.send(Request.cmd(Command.LRANGE).arg(key).arg(0).arg(-1)));
            case "set" -> await(client.send(Request.cmd(Command.SMEMBERS).arg(key)));
            // Members only: scores are numbers (timestamps), not text.
            case "zset" -> await(client.send(Request.cmd(Command.ZRANGE).arg(key).arg(0).arg(-1)));
            case "stream" -> await(client.send(Request.cmd(Command.XRANGE).arg(key).arg("-").arg("+")));
            default -> null;
        };
        var out = new ArrayList<String>();
        flatten(values, out);
        return out;
    }

    /** Every string in a reply; hashes as maps (RESP3) or field, value, … (RESP2) */
    private static void flatten(Response response, List<String> out) {
        if (response == null) {
            return;
        }
        if (response.type() != io.vertx.redis.client.ResponseType.MULTI) {
            out.add(response.toString());
            return;
        }
        if (response.isMap()) {
            for (String key : response.getKeys()) {
                out.add(key);
                flatten(response.get(key), out);
            }
            return;
        }
        if (response.isArray()) {
            for (int i = 0; i < response.size(); i++) {
                flatten(response.get(i), out);
            }
            return;
        }
        out.add(response.toString());
    }

    /** By the rule, and by a plain count of digits in a row in ICU's tables: a check that does not rest on the redactor. */
    private static void check(List<String> findings, String sink, String text) {
        if (Redactor.containsForbiddenRun(text) || sevenDigitsInARow(text)) {
            findings.add(sink + ": " + text);
        }
    }

    private static boolean sevenDigitsInARow(String text) {
        int inARow = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            inARow = UCharacter.getType(cp) == UCharacterCategory.DECIMAL_DIGIT_NUMBER ? inARow + 1 : 0;
            if (inARow >= 7) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
