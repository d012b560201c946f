package no.nora.channels.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nora.bot.testing.TestRedis;
import no.nora.channels.sms.FakeTwilio;
import no.nora.channels.sms.TwilioSignature;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An SMS reply that arrives while Redis is down is not acknowledged (503), so it is not lost behind a 200; when
 * Twilio delivers it again after Redis is back, it makes exactly one turn and one answer.
 */
class SmsDuringRedisOutageTest {
    private static final String PUBLIC_URL = "https://nora.example.no";
    private static final String OURS = "+4759440000";
    private static final String TOKEN = "outage-auth-token";

    private TestRedis redis;
    private FakeTwilio twilio;
    private RunningGateway gateway;

    @BeforeEach
    void start() throws Exception {
        redis = TestRedis.durable();
        twilio = new FakeTwilio();
        gateway = RunningGateway.start(Map.of("REDIS_URL", redis.connectionString(), "AGENT_HOURS", "always",
                "TWILIO_ACCOUNT_SID", "ACoutage", "TWILIO_AUTH_TOKEN", TOKEN, "TWILIO_FROM", OURS,
                "TWILIO_API_BASE", twilio.baseUrl(), "PUBLIC_URL", PUBLIC_URL));
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        twilio.close();
        redis.stop();
    }

    @Test
    void aMessageThatCannotBeTakenIsRefusedAndTakenOnceWhenTwilioTriesAgain() throws Exception {
        var params = new LinkedHashMap<String, String>();
        params.put("MessageSid", "SMoutageone");
        params.put("From", "+4792000555");
        params.put("To", OURS);
        params.put("Body", "hei");

        redis.stop();
        var refused = inbound(params);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("store_unavailable");

        redis.restart();
        var taken = inbound(params);
        assertThat(taken.statusCode()).isEqualTo(200);
        assertThat(taken.bodyAsString()).contains("<Response/>");
        assertThat(twilio.awaitSent(1)).hasSize(1);
        assertThat(inbound(params).statusCode()).as("a later repeat is a duplicate").isEqualTo(200);
        assertThat(twilio.sent()).hasSize(1);
    }

    private HttpResponse<Buffer> inbound(Map<String, String> params) throws Exception {
        var form = MultiMap.caseInsensitiveMultiMap();
        params.forEach(form::add);
        return gateway.client().post("/sms/twilio/inbound")
                .putHeader(TwilioSignature.HEADER, TwilioSignature.sign(TOKEN, PUBLIC_URL + "/sms/twilio/inbound", params))
                .sendForm(form).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
