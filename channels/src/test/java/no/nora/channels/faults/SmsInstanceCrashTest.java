package no.nora.channels.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import no.nora.bot.testing.TestRedis;
import no.nora.channels.sms.FakeTwilio;
import no.nora.channels.sms.SignedWebhooks;
import no.nora.channels.sms.SmsInbox;
import no.nora.channels.testing.GatewayProcess;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An instance acknowledges an SMS to Twilio and is killed (SIGKILL) before its answer goes out. Twilio will not send
 * the message again, so another instance must answer it: it takes the message over once the dead instance's lease
 * has run out, and the debtor gets the answer.
 */
class SmsInstanceCrashTest {
    private static final String PUBLIC_URL = "https://nora.example.no";
    private static final String OURS = "+4759440000";
    private static final String TOKEN = "crash-auth-token";
    private static final String DEBTOR = "+4792000888";

    private final Vertx vertx = Vertx.vertx();
    private TestRedis redis;
    private FakeTwilio twilio;
    private Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        // A Redis of its own: the messages it keeps are this test's alone.
        redis = TestRedis.dedicated();
        twilio = new FakeTwilio();
        env = new HashMap<>(Map.of("REDIS_URL", redis.connectionString(), "AGENT_HOURS", "always",
                "TWILIO_ACCOUNT_SID", no.nora.channels.testing.RealSettings.TWILIO_ACCOUNT_SID, "TWILIO_AUTH_TOKEN", TOKEN, "TWILIO_FROM", OURS,
                "TWILIO_API_BASE", twilio.baseUrl(), "PUBLIC_URL", PUBLIC_URL, "SMS_TAKEOVER_AFTER", "1s"));
    }

    @AfterEach
    void stop() throws Exception {
        twilio.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        redis.stop();
    }

    @Test
    void anSmsAcknowledgedByAnInstanceThatThenCrashesIsAnsweredByAnother() throws Exception {
        // The crashed instance decided the turn, but its answer never reached Twilio.
        twilio.holdNext(1);
        try (var doomed = GatewayProcess.start(env)) {
            assertThat(inbound(doomed.port(), "SMcrashone", "hei")).isEqualTo(200);
            twilio.awaitHeld();
            doomed.kill();
        }
        assertThat(twilio.sent()).as("nothing went out before the crash").isEmpty();

        try (var survivor = RunningGateway.start(env)) {
            var handled = new LinkedBlockingQueue<SmsInbox.Handled>();
            survivor.gateway().sms().onHandled(handled::add);

            var answer = twilio.awaitSent(1);
            assertThat(answer).singleElement().satisfies(sms -> {
                assertThat(sms.to()).isEqualTo(DEBTOR);
                assertThat(sms.body()).contains("Hva kan jeg hjelpe deg med");
            });
            var outcome = handled.poll(30, TimeUnit.SECONDS);
            assertThat(outcome).isNotNull();
            assertThat(outcome.outcome()).isEqualTo(SmsInbox.Outcome.TURN);

            // Taken over once: the next message of the debtor is answered as usual, and only once.
            assertThat(inbound(survivor.port(), "SMcrashtwo", "takk")).isEqualTo(200);
            assertThat(twilio.awaitSent(2)).hasSize(2);
            assertThat(handled.poll(30, TimeUnit.SECONDS).outcome()).isEqualTo(SmsInbox.Outcome.TURN);
            assertThat(twilio.sent()).hasSize(2);
        }
    }

    private int inbound(int port, String sid, String body) throws Exception {
        var client = WebClient.create(vertx);
        try {
            return new SignedWebhooks(TOKEN, PUBLIC_URL).post(client, port, SignedWebhooks.sms(sid, DEBTOR, OURS, body))
                    .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS).statusCode();
        } finally {
            client.close();
        }
    }
}
