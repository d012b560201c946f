package no.nora.channels.faults;

import static no.nora.channels.faults.WebChat.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import no.nora.bot.conversation.Author;
import no.nora.channels.sms.FakeTwilio;
import no.nora.channels.sms.SignedWebhooks;
import no.nora.channels.sms.SmsInbox;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.Test;

/** Twilio retries: a burst of 1 000 webhooks, ten copies each of 100 MessageSids, all at once. */
class DuplicateWebhooksTest {
    private static final String PUBLIC_URL = "https://nora.example.no";
    private static final String TOKEN = "primary-auth-token";

    @Test
    void aThousandDuplicateWebhooksInABurstMakeExactlyOneTurnPerMessageSid() throws Exception {
        var twilio = new FakeTwilio();
        try (var gateway = RunningGateway.withRedis(Map.of("TWILIO_ACCOUNT_SID", no.nora.channels.testing.RealSettings.TWILIO_ACCOUNT_SID,
                "TWILIO_AUTH_TOKEN", TOKEN, "TWILIO_FROM", "+4759440000", "TWILIO_API_BASE", twilio.baseUrl(),
                "PUBLIC_URL", PUBLIC_URL))) {
            int sids = 100;
            int copies = 10;
            var handled = new ConcurrentHashMap<String, List<SmsInbox.Handled>>();
            var allHandled = new CountDownLatch(sids * copies);
            gateway.gateway().sms().onHandled(h -> {
                handled.computeIfAbsent(h.messageSid(), k -> new CopyOnWriteArrayList<>()).add(h);
                allHandled.countDown();
            });
            var requests = new ArrayList<Map<String, String>>();
            for (int i = 0; i < sids; i++) {
                var params = new LinkedHashMap<String, String>();
                params.put("MessageSid", "SM" + String.format("%032x", i * 7919L + 1).replace('0', 'a'));
                params.put("AccountSid", no.nora.channels.testing.RealSettings.TWILIO_ACCOUNT_SID);
                params.put("From", "+4794" + String.format("%06d", i));
                params.put("To", "+4759440000");
                params.put("Body", "hva skylder jeg");
                for (int c = 0; c < copies; c++) {
                    requests.add(params);
                }
            }
            Collections.shuffle(requests, new java.util.Random(9));

            var sent = new ArrayList<Future<HttpResponse<Buffer>>>();
            var webhooks = new SignedWebhooks(TOKEN, PUBLIC_URL);
            for (var params : requests) {
                sent.add(webhooks.post(gateway.client(), params));
            }
            for (var response : sent) {
                assertThat(await(response).statusCode()).isEqualTo(200);
            }
            assertThat(allHandled.await(60, TimeUnit.SECONDS)).as("every webhook handled").isTrue();

            assertThat(handled).hasSize(sids);
            for (var outcomes : handled.values()) {
                assertThat(outcomes.stream().filter(h -> h.outcome() == SmsInbox.Outcome.TURN)).hasSize(1);
                assertThat(outcomes.stream().filter(h -> h.outcome() == SmsInbox.Outcome.DUPLICATE)).hasSize(copies - 1);
                String conversation = outcomes.stream().flatMap(h -> h.conversationId().stream()).findFirst().orElseThrow();
                var transcript = await(gateway.gateway().bot().engine().transcript(conversation,
                        java.util.Optional.empty(), true));
                assertThat(transcript.stream().filter(m -> m.from() == Author.DEBTOR)).hasSize(1);
            }
        } finally {
            twilio.close();
        }
    }
}
