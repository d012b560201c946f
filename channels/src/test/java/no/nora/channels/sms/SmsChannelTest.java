package no.nora.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import no.nora.bot.conversation.Author;
import no.nora.bot.conversation.Message;
import no.nora.channels.testing.RealSettings;
import no.nora.channels.testing.RunningGateway;
import no.nora.intents.Language;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SMS channel end to end: the real Twilio SDK against {@link FakeTwilio}, webhooks signed as Twilio signs. */
class SmsChannelTest {
    private static final String PUBLIC_URL = "https://nora.example.no";
    private static final String OURS = "+4759440000";
    private static final String PRIMARY = "primary-auth-token";
    private static final String SECONDARY = "secondary-auth-token";
    private static final String SERVICE_TOKEN = "service-token-for-tests";

    private static FakeTwilio twilio;
    private static RunningGateway gateway;
    private static final Map<String, List<SmsInbox.Handled>> handled = new HashMap<>();
    private static final List<Map.Entry<String, CompletableFuture<List<SmsInbox.Handled>>>> waiting = new ArrayList<>();
    private static final Map<String, Integer> waitingCount = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        twilio = new FakeTwilio();
        gateway = RunningGateway.withRedis(Map.of(
                "TWILIO_ACCOUNT_SID", no.nora.channels.testing.RealSettings.TWILIO_ACCOUNT_SID,
                "TWILIO_AUTH_TOKEN", PRIMARY,
                "TWILIO_AUTH_TOKEN_SECONDARY", SECONDARY,
                "TWILIO_FROM", OURS,
                "TWILIO_API_BASE", twilio.baseUrl(),
                "PUBLIC_URL", PUBLIC_URL,
                "SERVICE_TOKEN", SERVICE_TOKEN,
                "TRUSTED_PROXIES", "127.0.0.1/32,::1"));
        gateway.gateway().sms().onHandled(SmsChannelTest::record);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        twilio.close();
    }

    @Test
    void aReminderGoesToTwilioExactlyAndAReplyIsUnderstoodInItsCase() throws Exception {
        String phone = "+4792000001";
        var response = reminder("CASE-A17", phone);

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
        assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("queued");
        var sent = twilio.sentTo(phone);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).isEqualTo(new FakeTwilio.Sent(no.nora.channels.testing.RealSettings.TWILIO_ACCOUNT_SID,
                FakeTwilio.basicAuth(no.nora.channels.testing.RealSettings.TWILIO_ACCOUNT_SID, PRIMARY), phone, OURS,
                new SmsTexts().get(Language.NB, "reminder"), PUBLIC_URL + "/sms/twilio/status",
                response.bodyAsJsonObject().getString("sid")));

        // The reply runs in the conversation of the reminder's case.
        var reply = inbound(phone, "KOPI");
        var conversation = gateway.gateway().bot().engine().find(reply.conversationId().orElseThrow())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).orElseThrow();
        assertThat(conversation.caseId()).contains("CASE-A17");
    }

    @Test
    void aReplyAfterTheConversationWasErasedStartsANewOneAndIsAnswered() throws Exception {
        String phone = "+4792000091";
        var first = inbound(phone, "hei");
        String erased = first.conversationId().orElseThrow();
        gateway.gateway().bot().engine().erase(erased).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        int answersBefore = bodiesTo(phone).size();

        var second = inbound(phone, "hei igjen");

        assertThat(second.outcome()).isEqualTo(SmsInbox.Outcome.TURN);
        assertThat(second.conversationId()).isPresent().get().isNotEqualTo(erased);
        assertThat(transcript(second.conversationId().get())).extracting(Message::text).contains("hei igjen");
        assertThat(bodiesTo(phone)).hasSizeGreaterThan(answersBefore);
    }

    @Test
    void remindersAreValidated() throws Exception {
        assertThat(reminder("CASE-1", "91234567").statusCode()).isEqualTo(400);
        assertThat(reminder("CASE-12345678", "+4792000002").statusCode()).isEqualTo(400);
        var unauthorised = gateway.client().post("/api/sms/reminders")
                .sendJsonObject(new JsonObject().put("caseId", "CASE-1").put("phone", "+4792000002"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(unauthorised.statusCode()).isEqualTo(401);
        assertThat(twilio.sentTo("+4792000002")).isEmpty();
    }

    @Test
    void transientTwilioFailuresAreRetried() throws Exception {
        twilio.failNext(2, 500);
        int failedBefore = twilio.failedRequests();
        assertThat(reminder("CASE-R1", "+4792000003").statusCode()).isEqualTo(202);
        assertThat(twilio.failedRequests() - failedBefore).isEqualTo(2);
        assertThat(twilio.sentTo("+4792000003")).hasSize(1);

        twilio.failNext(100, 429);
        var refused = reminder("CASE-R2", "+4792000004");
        twilio.failNext(0, 500);
        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(twilio.sentTo("+4792000004")).isEmpty();
    }

    @Test
    void unsignedForgedAndWronglySignedWebhooksAre403() throws Exception {
        var params = params("+4792000010", "hei", newSid());
        String url = PUBLIC_URL + SmsChannel.INBOUND_PATH;
        double before = rejected();

        assertThat(post(SmsChannel.INBOUND_PATH, params, null, Map.of()).statusCode()).isEqualTo(403);
        assertThat(post(SmsChannel.INBOUND_PATH, params, TwilioSignature.sign("not-our-token", url, params), Map.of())
                .statusCode()).isEqualTo(403);
        String signature = TwilioSignature.sign(PRIMARY, url, params);
        var forged = new LinkedHashMap<>(params);
        forged.put("Body", "STOPP");
        var response = post(SmsChannel.INBOUND_PATH, forged, signature, Map.of());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("forbidden");
        assertThat(post(SmsChannel.STATUS_PATH, Map.of("MessageSid", newSid(), "MessageStatus", "delivered", "AccountSid", RealSettings.TWILIO_ACCOUNT_SID),
                "bogus", Map.of()).statusCode()).isEqualTo(403);
        assertThat(rejected() - before).isEqualTo(4.0);
    }

    @Test
    void theSecondaryTokenAndProxyHeadersAreHonoured() throws Exception {
        var params = params("+4792000011", "hei", newSid());
        var response = post(SmsChannel.INBOUND_PATH, params,
                TwilioSignature.sign(SECONDARY, PUBLIC_URL + SmsChannel.INBOUND_PATH, params), Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).startsWith("text/xml");
        assertThat(response.bodyAsString()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
        awaitHandled(params.get("MessageSid"), 1);

        var proxied = params("+4792000011", "takk", newSid());
        var viaProxy = post(SmsChannel.INBOUND_PATH, proxied,
                TwilioSignature.sign(PRIMARY, "https://edge.example.no" + SmsChannel.INBOUND_PATH, proxied),
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "edge.example.no"));
        assertThat(viaProxy.statusCode()).isEqualTo(200);
        awaitHandled(proxied.get("MessageSid"), 1);
    }

    @Test
    void theSameMessageSidFiveTimesMakesOneTurn() throws Exception {
        String phone = "+4792000020";
        var params = params(phone, "hei, hva skylder jeg?", newSid());
        for (int i = 0; i < 5; i++) {
            assertThat(signedPost(SmsChannel.INBOUND_PATH, params).statusCode()).isEqualTo(200);
        }
        var outcomes = awaitHandled(params.get("MessageSid"), 5);

        assertThat(outcomes.stream().map(SmsInbox.Handled::outcome))
                .containsExactlyInAnyOrder(SmsInbox.Outcome.TURN, SmsInbox.Outcome.DUPLICATE,
                        SmsInbox.Outcome.DUPLICATE, SmsInbox.Outcome.DUPLICATE, SmsInbox.Outcome.DUPLICATE);
        String conversationId = outcomes.stream().flatMap(h -> h.conversationId().stream()).findFirst().orElseThrow();
        assertThat(transcript(conversationId).stream().filter(m -> m.from() == Author.DEBTOR).map(Message::text))
                .containsExactly("hei, hva skylder jeg?");
    }

    @Test
    void aNumberInTheBodyIsRedactedBeforeTheBotSeesIt() throws Exception {
        var outcome = inbound("+4792000021", "mitt fnr er 01017012345");
        assertThat(transcript(outcome.conversationId().orElseThrow()).stream().map(Message::text))
                .noneMatch(t -> t.matches("(?s).*[0-9]{7,}.*"))
                .anyMatch(t -> t.contains(no.nora.redact.Redactor.PLACEHOLDER));
    }

    @Test
    void statusCallbacksOnlyMoveForwardWhateverTheirOrder() throws Exception {
        String sid = newSid();
        for (String status : List.of("sent", "delivered", "queued", "sending")) {
            assertThat(signedPost(SmsChannel.STATUS_PATH, Map.of("MessageSid", sid, "MessageStatus", status,
                    "AccountSid", RealSettings.TWILIO_ACCOUNT_SID))
                    .statusCode()).isEqualTo(204);
        }
        assertThat(status(sid)).contains(new DeliveryStatuses.Delivery(DeliveryStatus.DELIVERED, Optional.empty()));

        String failed = newSid();
        var all = new ArrayList<Future<HttpResponse<Buffer>>>();
        for (String status : List.of("sent", "failed", "queued", "delivered")) {
            var params = new LinkedHashMap<String, String>();
            params.put("MessageSid", failed);
            params.put("AccountSid", RealSettings.TWILIO_ACCOUNT_SID);
            params.put("MessageStatus", status);
            if (status.equals("failed")) {
                params.put("ErrorCode", "30003");
            }
            all.add(signedPostAsync(SmsChannel.STATUS_PATH, params));
            if (status.equals("failed")) {
                Future.all(all).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
        Future.all(all).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(status(failed)).contains(new DeliveryStatuses.Delivery(DeliveryStatus.FAILED, Optional.of("30003")));
        assertThat(gateway.gateway().metrics().counter("nora.sms.status", "status", "delivered").count()).isPositive();
    }

    @Test
    void stoppOptsOutOnceAndStartOptsBackIn() throws Exception {
        String phone = "+4792000030";
        var texts = new SmsTexts();

        assertThat(inbound(phone, "STOPP").outcome()).isEqualTo(SmsInbox.Outcome.OPTED_OUT);
        assertThat(bodiesTo(phone)).containsExactly(texts.get(Language.NB, "optout.confirmed"));
        assertThat(inbound(phone, "stopp").outcome()).isEqualTo(SmsInbox.Outcome.OPTED_OUT);
        assertThat(bodiesTo(phone)).hasSize(1);

        var refused = reminder("CASE-O1", phone);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(bodiesTo(phone)).hasSize(1);
        inbound(phone, "hei");
        assertThat(bodiesTo(phone)).hasSize(1);

        assertThat(inbound(phone, "Start").outcome()).isEqualTo(SmsInbox.Outcome.OPTED_IN);
        assertThat(bodiesTo(phone)).last().isEqualTo(texts.get(Language.NB, "optin.confirmed"));
        assertThat(reminder("CASE-O1", phone).statusCode()).isEqualTo(202);
    }

    @Test
    void isThisAScamNamesTheReminderTheGatewaySentWithItsCreditorReferenceAndTime() throws Exception {
        String phone = "+4792000035";
        assertThat(reminder("c-2001", phone).statusCode()).isEqualTo(202);
        var sentAt = java.time.ZonedDateTime.now(java.time.ZoneId.of("Europe/Oslo"));

        inbound(phone, "er dette svindel?");

        assertThat(bodiesTo(phone)).last().asString()
                .startsWith("Meldingen er fra oss.")
                .contains(no.nora.bot.text.Dates.format(Language.NB, sentAt.toLocalDate()))
                .contains("om saken fra Telenor Norge AS (sak TEL-4812-KN)")
                .doesNotContain("Ja,");
    }

    @Test
    void keywordsAreAnsweredInTheThreadsLanguageNotTheKeywords() throws Exception {
        var texts = new SmsTexts();
        String norwegian = "+4792000032";
        assertThat(reminder("CASE-K1", norwegian).statusCode()).isEqualTo(202);
        inbound(norwegian, "STOP");
        assertThat(bodiesTo(norwegian)).last().isEqualTo(texts.get(Language.NB, "optout.confirmed"));

        String english = "+4792000033";
        inbound(english, "Hello, I have paid, did you get my payment?");
        inbound(english, "HJELP");
        assertThat(bodiesTo(english)).last().isEqualTo(texts.get(Language.EN, "help"));

        String nynorsk = "+4792000034";
        inbound(nynorsk, "kor mykje skuldar eg?");
        inbound(nynorsk, "HELP");
        assertThat(bodiesTo(nynorsk)).last().isEqualTo(texts.get(Language.NN, "help"));
    }

    @Test
    void helpAnswersWithContactInformation() throws Exception {
        String phone = "+4792000031";
        assertThat(inbound(phone, "HELP").outcome()).isEqualTo(SmsInbox.Outcome.HELP);
        assertThat(bodiesTo(phone)).containsExactly(new SmsTexts().get(Language.EN, "help"));
    }

    @Test
    void aBurstOfAThousandRepliesIsHandledOnceEachAndAnsweredInOrderPerNumber() throws Exception {
        var messages = List.of("hei", "hva skylder jeg", "takk for svaret", "kan jeg betale i avdrag", "ha det bra");
        var numbers = new ArrayList<String>();
        for (int i = 0; i < 200; i++) {
            numbers.add("+4793" + String.format("%06d", i));
        }
        var sidsByNumber = new HashMap<String, List<String>>();
        var chains = new ArrayList<Future<Void>>();
        for (String number : numbers) {
            var sids = new ArrayList<String>();
            sidsByNumber.put(number, sids);
            Future<Void> chain = Future.succeededFuture();
            for (String text : messages) {
                var params = params(number, text, newSid());
                sids.add(params.get("MessageSid"));
                chain = chain.compose(v -> signedPostAsync(SmsChannel.INBOUND_PATH, params).compose(r ->
                        r.statusCode() == 200 ? Future.succeededFuture() : Future.failedFuture("status " + r.statusCode())));
            }
            chains.add(chain);
        }
        Future.all(chains).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

        for (String number : numbers) {
            var outcomes = new ArrayList<SmsInbox.Handled>();
            for (String sid : sidsByNumber.get(number)) {
                var once = awaitHandled(sid, 1);
                assertThat(once).hasSize(1);
                outcomes.add(once.get(0));
            }
            assertThat(outcomes).allMatch(h -> h.outcome() == SmsInbox.Outcome.TURN);
            String conversationId = outcomes.get(0).conversationId().orElseThrow();
            assertThat(outcomes).allMatch(h -> h.conversationId().equals(Optional.of(conversationId)));
            var transcript = transcript(conversationId);
            assertThat(transcript.stream().filter(m -> m.from() == Author.DEBTOR).map(Message::text))
                    .containsExactlyElementsOf(messages);
            var expectedReplies = transcript.stream().filter(m -> m.from() != Author.DEBTOR && !m.internal())
                    .map(m -> SmsText.fit(SmsText.render(m)).text()).toList();
            assertThat(bodiesTo(number)).containsExactlyElementsOf(expectedReplies);
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static synchronized void record(SmsInbox.Handled outcome) {
        handled.computeIfAbsent(outcome.messageSid(), k -> new ArrayList<>()).add(outcome);
        waiting.removeIf(w -> {
            var seen = handled.getOrDefault(w.getKey(), List.of());
            if (seen.size() >= waitingCount.get(w.getKey())) {
                w.getValue().complete(List.copyOf(seen));
                return true;
            }
            return false;
        });
    }

    /** Waits (bounded) for the channel to report {@code count} outcomes for a MessageSid. */
    private static List<SmsInbox.Handled> awaitHandled(String sid, int count) throws Exception {
        var done = new CompletableFuture<List<SmsInbox.Handled>>();
        synchronized (SmsChannelTest.class) {
            var seen = handled.getOrDefault(sid, List.of());
            if (seen.size() >= count) {
                return List.copyOf(seen);
            }
            waitingCount.put(sid, count);
            waiting.add(Map.entry(sid, done));
        }
        return done.get(60, TimeUnit.SECONDS);
    }

    private static SmsInbox.Handled inbound(String from, String text) throws Exception {
        var params = params(from, text, newSid());
        assertThat(signedPost(SmsChannel.INBOUND_PATH, params).statusCode()).isEqualTo(200);
        return awaitHandled(params.get("MessageSid"), 1).get(0);
    }

    private static Map<String, String> params(String from, String text, String sid) {
        var params = new LinkedHashMap<String, String>();
        params.put("MessageSid", sid);
        params.put("SmsSid", sid);
        params.put("AccountSid", no.nora.channels.testing.RealSettings.TWILIO_ACCOUNT_SID);
        params.put("From", from);
        params.put("To", OURS);
        params.put("Body", text);
        params.put("NumMedia", "0");
        return params;
    }

    private static String newSid() {
        var hex = new StringBuilder("SM");
        var random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 32; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }

    private static List<String> bodiesTo(String phone) {
        return twilio.sentTo(phone).stream().map(FakeTwilio.Sent::body).toList();
    }

    private static double rejected() {
        var counter = gateway.gateway().metrics().find("nora.sms.signature.rejected").counter();
        return counter == null ? 0 : counter.count();
    }

    private static Optional<DeliveryStatuses.Delivery> status(String sid) throws Exception {
        return gateway.gateway().sms().statuses().current(sid).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private static List<Message> transcript(String conversationId) throws Exception {
        return gateway.gateway().bot().engine().transcript(conversationId, Optional.empty(), true)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> reminder(String caseId, String phone) throws Exception {
        return gateway.client().post("/api/sms/reminders").putHeader("Authorization", "Bearer " + SERVICE_TOKEN)
                .sendJsonObject(new JsonObject().put("caseId", caseId).put("phone", phone))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> signedPost(String path, Map<String, String> params) throws Exception {
        return signedPostAsync(path, params).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Future<HttpResponse<Buffer>> signedPostAsync(String path, Map<String, String> params) {
        return postAsync(path, params, TwilioSignature.sign(PRIMARY, PUBLIC_URL + path, params), Map.of());
    }

    private static HttpResponse<Buffer> post(String path, Map<String, String> params, String signature,
                                             Map<String, String> headers) throws Exception {
        return postAsync(path, params, signature, headers).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private static Future<HttpResponse<Buffer>> postAsync(String path, Map<String, String> params, String signature,
                                                          Map<String, String> headers) {
        var request = gateway.client().post(path);
        if (signature != null) {
            request.putHeader(TwilioSignature.HEADER, signature);
        }
        headers.forEach(request::putHeader);
        var form = MultiMap.caseInsensitiveMultiMap();
        params.forEach(form::add);
        return request.sendForm(form);
    }

}
