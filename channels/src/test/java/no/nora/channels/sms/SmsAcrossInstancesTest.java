package no.nora.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One debtor's replies arrive at two gateway instances behind a load balancer. The answers go out in the order of
 * the debtor's messages, even when Twilio makes the first instance retry its send.
 */
class SmsAcrossInstancesTest {
    private static final String PUBLIC_URL = "https://nora.example.no";
    private static final String OURS = "+4759440000";
    private static final String TOKEN = "across-instances-auth-token";

    private static FakeTwilio twilio;
    private static RunningGateway first;
    private static RunningGateway second;

    @BeforeAll
    static void start() throws Exception {
        twilio = new FakeTwilio();
        var env = Map.of("TWILIO_ACCOUNT_SID", no.nora.channels.testing.RealSettings.TWILIO_ACCOUNT_SID, "TWILIO_AUTH_TOKEN", TOKEN, "TWILIO_FROM", OURS,
                "TWILIO_API_BASE", twilio.baseUrl(), "PUBLIC_URL", PUBLIC_URL);
        first = RunningGateway.withRedis(env);
        second = RunningGateway.withRedis(env);
    }

    @AfterAll
    static void stop() throws Exception {
        first.close();
        second.close();
        twilio.close();
    }

    @Test
    void aLaterMessageOnAnotherInstanceDoesNotOvertakeTheAnswerToAnEarlierOne() throws Exception {
        String debtor = "+4792000777";
        twilio.failNext(1, 500);

        assertThat(inbound(first, "SMacrossa", debtor, "hei")).isEqualTo(200);
        // The first instance is now waiting to retry its answer to "hei".
        twilio.awaitFirstFailure();
        assertThat(inbound(second, "SMacrossb", debtor, "hva er telefonnummeret deres?")).isEqualTo(200);

        var sent = twilio.awaitSent(2);
        assertThat(sent).extracting(FakeTwilio.Sent::to).containsOnly(debtor);
        assertThat(sent.get(0).body()).contains("Hva kan jeg hjelpe deg med");
        assertThat(sent.get(1).body()).contains("05550");
    }

    private static int inbound(RunningGateway gateway, String sid, String from, String body) throws Exception {
        return new SignedWebhooks(TOKEN, PUBLIC_URL).post(gateway.client(), SignedWebhooks.sms(sid, from, OURS, body))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).statusCode();
    }
}
