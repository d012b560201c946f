package no.nora.channels.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nora.bot.testing.TestRedis;
import no.nora.channels.sms.FakeTwilio;
import no.nora.channels.sms.SignedWebhooks;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An SMS reply that arrives while Redis is down is acknowledged at once and kept: once Redis is back it is answered,
 * exactly once, even though Twilio delivered it twice meanwhile.
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
                "TWILIO_ACCOUNT_SID", no.nora.channels.testing.RealSettings.TWILIO_ACCOUNT_SID, "TWILIO_AUTH_TOKEN", TOKEN, "TWILIO_FROM", OURS,
                "TWILIO_API_BASE", twilio.baseUrl(), "PUBLIC_URL", PUBLIC_URL));
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        twilio.close();
        redis.stop();
    }

    @Test
    void aMessageAcknowledgedDuringAnOutageIsAnsweredOnceWhenRedisIsBack() throws Exception {
        var handled = new java.util.concurrent.LinkedBlockingQueue<String>();
        gateway.gateway().sms().onHandled(h -> handled.add(h.outcome().name()));
        var params = SignedWebhooks.sms("SMoutageone", "+4792000555", OURS, "hei");

        redis.stop();
        var first = inbound(params);
        var again = inbound(params);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.bodyAsString()).contains("<Response/>");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(handled).as("nothing is handled while Redis is down").isEmpty();
        assertThat(awaitUnanswered(2)).as("operators see both waiting").isEqualTo(2);

        redis.restart();
        assertThat(twilio.awaitSent(1)).extracting(FakeTwilio.Sent::body)
                .singleElement().asString().contains("Hva kan jeg hjelpe deg med");
        var outcomes = java.util.List.of(handled.poll(30, TimeUnit.SECONDS), handled.poll(30, TimeUnit.SECONDS));
        assertThat(outcomes).containsExactlyInAnyOrder("TURN", "DUPLICATE");
        assertThat(twilio.sent()).hasSize(1);
        assertThat(unanswered()).isZero();
    }

    /** The gauge operators watch, polled: the keep fails asynchronously. */
    private double awaitUnanswered(double expected) throws Exception {
        double seen = unanswered();
        for (int i = 0; i < 250 && seen != expected; i++) {
            Thread.sleep(20);
            seen = unanswered();
        }
        return seen;
    }

    private double unanswered() {
        return gateway.gateway().metrics().get("nora.sms.inbound.unanswered").gauge().value();
    }

    private HttpResponse<Buffer> inbound(Map<String, String> params) throws Exception {
        return new SignedWebhooks(TOKEN, PUBLIC_URL).post(gateway.client(), params)
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
