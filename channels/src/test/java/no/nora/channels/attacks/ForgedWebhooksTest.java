package no.nora.channels.attacks;

import static no.nora.channels.attacks.SettingsMatrixTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import no.nora.channels.sms.FakeTwilio;
import no.nora.channels.sms.SignedWebhooks;
import no.nora.channels.sms.TwilioSignature;
import no.nora.channels.testing.RealSettings;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Webhooks an attacker can make from what they see: a genuine signature made for another host, replayed with a
 * forged {@code X-Forwarded-Host}; a genuine signature re-split into other parameters (Twilio signs names and values
 * run together); and well-signed requests naming another account, another number or a made-up sender.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForgedWebhooksTest {
    private static final String TOKEN = "forged-webhooks-auth-token";
    private static final String PUBLIC_URL = "https://nora.example.no";
    private static final String INBOUND = "/sms/twilio/inbound";
    private FakeTwilio twilio;
    private RunningGateway gateway;

    @BeforeAll
    void start() throws Exception {
        twilio = new FakeTwilio();
        gateway = RunningGateway.inMemory(settings());
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
        twilio.close();
    }

    @Test
    void aForwardedHostFromAnUntrustedClientIsNotBelieved() throws Exception {
        var params = sms("+4792000001", "hei");
        // A signature Twilio made for another gateway's URL (another customer of the same account, a staging host).
        String signature = TwilioSignature.sign(TOKEN, "https://staging.example.no" + INBOUND, params);
        var response = post(params, signature, Map.of("X-Forwarded-Host", "staging.example.no", "X-Forwarded-Proto", "https"));
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void aGenuineSignatureReSplitIntoOtherParametersIsRefused() throws Exception {
        // Twilio signs URL + "Body" + body + "From" + from …: "Body" = "STOPFrom+4792000002" and no From signs the same
        // as Body = "STOP", From = "+4792000002". The re-split request names no From of its own…
        var genuine = new LinkedHashMap<String, String>();
        genuine.put("AccountSid", RealSettings.TWILIO_ACCOUNT_SID);
        genuine.put("Body", "STOPFrom+4792000002");
        genuine.put("MessageSid", RealSettings.messageSid());
        genuine.put("To", RealSettings.TWILIO_FROM);
        String signature = TwilioSignature.sign(TOKEN, PUBLIC_URL + INBOUND, genuine);
        var resplit = new LinkedHashMap<String, String>();
        resplit.put("AccountSid", RealSettings.TWILIO_ACCOUNT_SID);
        resplit.put("Body", "STOP");
        resplit.put("From", "+4792000002");
        resplit.put("MessageSid", genuine.get("MessageSid"));
        resplit.put("To", RealSettings.TWILIO_FROM);
        assertThat(TwilioSignature.sign(TOKEN, PUBLIC_URL + INBOUND, resplit)).as("the same signature").isEqualTo(signature);
        // … but the genuine one had no From: refused for what it lacks, the forged one would need names Twilio never
        // sends to split anywhere else.
        assertThat(post(genuine, signature, Map.of()).statusCode()).isEqualTo(400);
        var oddName = new LinkedHashMap<>(resplit);
        oddName.remove("Body");
        oddName.put("Bod", "ySTOP");
        assertThat(post(oddName, TwilioSignature.sign(TOKEN, PUBLIC_URL + INBOUND, oddName), Map.of()).statusCode())
                .isEqualTo(400);
    }

    @Test
    void anotherAccountAnotherNumberOrAMadeUpSenderIsRefused() throws Exception {
        var good = sms("+4792000003", "hei");
        assertThat(post(good, sign(good), Map.of()).statusCode()).isEqualTo(200);
        for (var change : Map.of(
                "AccountSid", "AC" + "f".repeat(32),
                "To", "+4759449999",
                "From", "+47000",
                "MessageSid", "SMnot-a-sid").entrySet()) {
            var forged = sms("+4792000003", "hei");
            forged.put(change.getKey(), change.getValue());
            var response = post(forged, sign(forged), Map.of());
            assertThat(response.statusCode()).as("%s = %s", change.getKey(), change.getValue()).isEqualTo(400);
            assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("bad_request");
        }
    }

    @Test
    void aParameterGivenTwiceIsRefused() throws Exception {
        var params = sms("+4792000004", "hei");
        var form = MultiMap.caseInsensitiveMultiMap();
        params.forEach(form::add);
        form.add("Body", "STOPP");
        var response = await(gateway.client().post(INBOUND).putHeader(TwilioSignature.HEADER, sign(params)).sendForm(form));
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void statusCallbacksAreHeldToTheSameRules() throws Exception {
        var status = new LinkedHashMap<String, String>();
        status.put("MessageSid", RealSettings.messageSid());
        status.put("MessageStatus", "delivered");
        status.put("AccountSid", "AC" + "e".repeat(32));
        var form = MultiMap.caseInsensitiveMultiMap();
        status.forEach(form::add);
        var response = await(gateway.client().post("/sms/twilio/status")
                .putHeader(TwilioSignature.HEADER, TwilioSignature.sign(TOKEN, PUBLIC_URL + "/sms/twilio/status", status))
                .sendForm(form));
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void aFloodOfForgeriesFromOneAddressIsCutOff() throws Exception {
        try (var own = RunningGateway.inMemory(settings())) {
            int refused = 0;
            int limited = 0;
            for (int i = 0; i < 40; i++) {
                var form = MultiMap.caseInsensitiveMultiMap();
                sms("+4792000005", "hei").forEach(form::add);
                int status = await(own.client().post(INBOUND).putHeader(TwilioSignature.HEADER, "forged").sendForm(form))
                        .statusCode();
                refused += status == 403 ? 1 : 0;
                limited += status == 429 ? 1 : 0;
            }
            // 30 a minute, refilled as time passes (one more every two seconds).
            assertThat(refused).isBetween(30, 34);
            assertThat(limited).isEqualTo(40 - refused);
            // Twilio's own, well-signed requests through the same address still pass: forgeries cannot shut it out.
            var good = sms("+4792000005", "hei");
            var form = MultiMap.caseInsensitiveMultiMap();
            good.forEach(form::add);
            assertThat(await(own.client().post(INBOUND).putHeader(TwilioSignature.HEADER, sign(good)).sendForm(form))
                    .statusCode()).isEqualTo(200);
        }
    }

    /** Twilio configured against the fake, with our public URL. */
    private Map<String, String> settings() {
        var env = new HashMap<>(RealSettings.twilio(TOKEN));
        env.put("TWILIO_API_BASE", twilio.baseUrl());
        env.put("PUBLIC_URL", PUBLIC_URL);
        return env;
    }

    /** An inbound SMS to our number as Twilio sends it, with a fresh sid. */
    private static Map<String, String> sms(String from, String body) {
        return SignedWebhooks.sms(RealSettings.messageSid(), from, RealSettings.TWILIO_FROM, body);
    }

    private static String sign(Map<String, String> params) {
        return TwilioSignature.sign(TOKEN, PUBLIC_URL + INBOUND, params);
    }

    private HttpResponse<Buffer> post(Map<String, String> params, String signature, Map<String, String> headers)
            throws Exception {
        var form = MultiMap.caseInsensitiveMultiMap();
        params.forEach(form::add);
        var request = gateway.client().post(INBOUND).putHeader(TwilioSignature.HEADER, signature);
        headers.forEach(request::putHeader);
        return await(request.sendForm(form));
    }
}
