package no.nora.channels.faults;

import static no.nora.channels.faults.WebChat.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nora.bot.caseapi.FaultyCaseApiServer;
import no.nora.channels.sms.FakeTwilio;
import no.nora.channels.sms.SignedWebhooks;
import no.nora.channels.testing.RealSettings;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.Test;

/**
 * Stopping under load (what SIGTERM does through {@code Main}'s shutdown hook): every request the gateway accepted
 * before the stop gets its whole answer; new connections are refused afterwards; nothing ends in a 500.
 */
class GracefulShutdownTest {
    private static final int IN_FLIGHT = 64;

    @Test
    void everyRequestAcceptedBeforeTheStopIsAnsweredAndLaterOnesAreRefused() throws Exception {
        var vertx = Vertx.vertx();
        // Turns take a while: the case API answers after 300 ms, so the stop comes while all of them are in flight.
        var caseApi = await(FaultyCaseApiServer.startInFrontOfDemo(vertx));
        caseApi.slowBy(Duration.ofMillis(300)).fail(FaultyCaseApiServer.Fault.SLOW);
        var gateway = RunningGateway.withRedis(RealSettings.merged(RealSettings.myPage(), Map.of(
                "CASE_API_URL", caseApi.baseUrl().toString(),
                "CASE_API_TIMEOUT", "5s", "CHAT_REQUESTS_PER_ADDRESS_PER_MINUTE", "100000")));
        var client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost")
                .setDefaultPort(gateway.port()), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(IN_FLIGHT * 2));
        try {
            var chats = new ArrayList<WebChat>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                chats.add(WebChat.start(client, WebChat.myPageToken("d-100" + (1 + i % 3))));
            }
            var answers = new ArrayList<Future<HttpResponse<Buffer>>>();
            for (var chat : chats) {
                answers.add(chat.sayAsync("har dere mottatt betalingen min?", "m-1"));
            }
            // Every turn has reached the case API: all requests are accepted and in the middle of their turn.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (caseApi.requests() < IN_FLIGHT && System.nanoTime() < deadline) {
                await(vertx.timer(5));
            }
            assertThat(caseApi.requests()).isGreaterThanOrEqualTo(IN_FLIGHT);
            var stopped = gateway.gateway().stop();
            long inFlightAtStop = answers.stream().filter(a -> !a.isComplete()).count();
            assertThat(inFlightAtStop).as("requests in flight when the stop began").isPositive();

            for (var answer : answers) {
                var response = await(answer);
                assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
                assertThat(WebChat.replies(response)).isNotBlank().doesNotContain("får ikke hentet");
            }
            stopped.get(30, TimeUnit.SECONDS);
            var later = vertx.createHttpClient().request(io.vertx.core.http.HttpMethod.GET, gateway.port(), "localhost",
                    "/health/live").compose(r -> r.send());
            assertThat(later.toCompletionStage().toCompletableFuture().handle((r, e) -> e)
                    .get(10, TimeUnit.SECONDS)).as("a connection after the stop is refused").isNotNull();
        } finally {
            client.close();
            await(vertx.close());
            try {
                gateway.close(); // its client's Vert.x; stopping again is harmless
            } catch (Exception alreadyStopped) {
                // stopped above
            }
        }
    }

    @Test
    void anSmsAcknowledgedBeforeTheStopIsAnsweredBeforeTheGatewayCloses() throws Exception {
        var vertx = Vertx.vertx();
        var caseApi = await(FaultyCaseApiServer.startInFrontOfDemo(vertx));
        var twilio = new FakeTwilio();
        String token = "shutdown-auth-token";
        String publicUrl = "https://nora.example.no";
        var gateway = RunningGateway.withRedis(RealSettings.merged(RealSettings.twilio(token), Map.of(
                "CASE_API_URL", caseApi.baseUrl().toString(),
                "CASE_API_TIMEOUT", "5s", "TWILIO_API_BASE", twilio.baseUrl(), "PUBLIC_URL", publicUrl)));
        try {
            // The debtor who got a reminder asks about a payment: the turn waits 500 ms for the case API.
            var reminder = await(gateway.client().post("/api/sms/reminders")
                    .putHeader("Authorization", "Bearer " + RealSettings.SERVICE_TOKEN)
                    .sendJsonObject(new io.vertx.core.json.JsonObject().put("caseId", "c-2001").put("phone", "+4740000001")));
            assertThat(reminder.statusCode()).as(reminder.bodyAsString()).isEqualTo(202);
            twilio.awaitSent(1);
            int before = caseApi.requests();
            caseApi.slowBy(Duration.ofMillis(500)).fail(FaultyCaseApiServer.Fault.SLOW);
            var ack = await(new SignedWebhooks(token, publicUrl).post(gateway.client(),
                    SignedWebhooks.sms("SMshutdownone", "+4740000001", "+4759440000", "har dere mottatt betalingen min?")));
            assertThat(ack.statusCode()).isEqualTo(200);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (caseApi.requests() == before && System.nanoTime() < deadline) {
                await(vertx.timer(5));
            }
            assertThat(caseApi.requests()).as("the turn is at the case API").isGreaterThan(before);
            assertThat(twilio.sent()).as("the reminder only").hasSize(1);

            var stopped = gateway.gateway().stop();

            var answer = twilio.awaitSent(2).subList(1, 2);
            assertThat(answer).singleElement().satisfies(sms -> {
                assertThat(sms.to()).isEqualTo("+4740000001");
                assertThat(sms.body()).isNotBlank().doesNotContain("får ikke hentet");
            });
            stopped.get(30, TimeUnit.SECONDS);
        } finally {
            twilio.close();
            await(vertx.close());
            try {
                gateway.close();
            } catch (Exception alreadyStopped) {
                // stopped above
            }
        }
    }
}
