package no.nora.channels.faults;

import static no.nora.channels.faults.WebChat.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nora.bot.caseapi.FaultyCaseApiServer;
import no.nora.channels.testing.RealSettings;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The case API slow beyond its timeout, or down: the circuit opens (later turns fail fast, without a request),
 * the bot says so honestly with the phone number, and turns work again once the API is back and the circuit's
 * reset timeout has passed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseApiOutageTest {
    private static final String PAYMENT_QUESTION = "har dere mottatt betalingen min?";
    private static final String DOWN = "får ikke hentet saken din";

    private Vertx vertx;
    private FaultyCaseApiServer caseApi;
    private RunningGateway gateway;

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        caseApi = await(FaultyCaseApiServer.startInFrontOfDemo(vertx));
        // The probes below start a chat each, ~170 in a minute from one address: above the per-address limit,
        // which is not what this test is about.
        gateway = RunningGateway.inMemory(RealSettings.merged(RealSettings.myPage(), Map.of(
                "CASE_API_URL", caseApi.baseUrl().toString(),
                "CASE_API_TIMEOUT", "300ms", "CASE_API_CIRCUIT_RESET", "3s",
                "CHAT_REQUESTS_PER_ADDRESS_PER_MINUTE", "100000")));
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
        await(vertx.close());
    }

    @Test
    void aSlowCaseApiOpensTheCircuitTheBotSaysSoAndItRecovers() throws Exception {
        assertThat(ask()).doesNotContain(DOWN);

        caseApi.slowBy(Duration.ofSeconds(5)).fail(FaultyCaseApiServer.Fault.SLOW);
        failFastAfterTheCircuitOpens();

        caseApi.heal();
        awaitRecovery();
    }

    @Test
    void aCaseApiThatIsDownOpensTheCircuitTheBotSaysSoAndItRecovers() throws Exception {
        awaitRecovery();
        await(caseApi.stop());
        failFastAfterTheCircuitOpens();

        await(caseApi.restart());
        awaitRecovery();
    }

    /**
     * Turns until the circuit is open (its fail-fast counter moves); each says the honest text. Then a turn is
     * answered at once and reaches no case API.
     */
    private void failFastAfterTheCircuitOpens() throws Exception {
        double failedFastBefore = failedFast();
        for (int probe = 0; probe < 10 && failedFast() == failedFastBefore; probe++) {
            assertThat(ask()).contains(DOWN).contains("05550");
        }
        assertThat(failedFast()).as("the circuit opened within ten failing turns").isGreaterThan(failedFastBefore);
        var chat = signedIn();
        int before = caseApi.requests();
        long started = System.nanoTime();
        var response = chat.say(PAYMENT_QUESTION, null);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(WebChat.replies(response)).contains(DOWN).contains("05550");
        assertThat(tookMs).as("an open circuit answers at once, not after the 300 ms timeout").isLessThan(250);
        assertThat(caseApi.requests()).as("no request while the circuit is open").isEqualTo(before);
    }

    private double failedFast() {
        return gateway.gateway().metrics().counter("nora.case.api.failures", "reason", "circuit_open").count();
    }

    /** Bounded: turns every 100 ms until one gets a real answer (after the breaker's 3 s reset timeout). */
    private void awaitRecovery() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!ask().contains(DOWN)) {
                return;
            }
            await(vertx.timer(100));
        }
        throw new AssertionError("no real answer within 20 s after the case API came back");
    }

    private WebChat signedIn() throws Exception {
        return WebChat.start(gateway.client(), WebChat.myPageToken("d-1002"));
    }

    /** A new signed-in chat for every question: a conversation the bot could not serve goes to a person. */
    private String ask() throws Exception {
        var response = signedIn().say(PAYMENT_QUESTION, null);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return WebChat.replies(response);
    }
}
