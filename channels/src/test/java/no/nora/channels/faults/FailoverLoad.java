package no.nora.channels.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import no.nora.bot.testing.Until;
import no.nora.channels.sms.FakeTwilio;
import no.nora.channels.sms.SignedWebhooks;
import no.nora.channels.testing.RunningGateway;

/**
 * Debtors in web chats and on SMS, writing to a set of gateway instances without pause while Redis fails over, as
 * real clients do: a chat sends its messages one after the other, each to the next instance, and retries a message
 * that was not answered 200 with the same {@code clientMessageId}; Twilio retries a webhook that was not
 * acknowledged, with the same {@code MessageSid}. It records what was answered and when service stopped and
 * came back, and checks afterwards that nothing answered is missing and nothing is there twice.
 */
final class FailoverLoad {
    static final String PUBLIC_URL = "https://nora.example.no";
    static final String OURS = "+4759440000";
    static final String TOKEN = "failover-auth-token";
    private static final long RETRY_AFTER_MS = 250;
    /** A debtor's pace, within the chat's limit of 30 messages a minute per conversation and instance. */
    private static final long CHAT_EVERY_MS = 700;
    private static final long SMS_EVERY_MS = 50;

    private final List<RunningGateway> gateways;
    private final SignedWebhooks webhooks = new SignedWebhooks(TOKEN, PUBLIC_URL);
    private final List<Thread> threads = new ArrayList<>();
    private final Map<WebChat, List<String>> sentTexts = new ConcurrentHashMap<>();
    private final Map<String, String> acknowledgedSms = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicLong firstFailureStarted = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastFailureEnded = new AtomicLong();
    private volatile boolean running = true;

    /** The gateway settings every instance needs for this load, beside its Redis settings. */
    static Map<String, String> gatewayEnv(FakeTwilio twilio) {
        var env = new HashMap<String, String>();
        env.putAll(Map.of("AGENT_HOURS", "always", "TWILIO_ACCOUNT_SID", no.nora.channels.testing.RealSettings.TWILIO_ACCOUNT_SID, "TWILIO_AUTH_TOKEN", TOKEN,
                "TWILIO_FROM", OURS, "TWILIO_API_BASE", twilio.baseUrl(), "PUBLIC_URL", PUBLIC_URL,
                "SMS_TAKEOVER_AFTER", "5s", "CHAT_REQUESTS_PER_ADDRESS_PER_MINUTE", "100000"));
        return env;
    }

    FailoverLoad(List<RunningGateway> gateways) {
        this.gateways = gateways;
    }

    /** A failover in the Redis behind the gateways; returns once it has happened. */
    @FunctionalInterface
    interface Failover {
        void happen() throws Exception;
    }

    /**
     * The failover tests' one story: {@code chats} on every instance, {@code failover} in the middle of the load, the
     * load carried on and finished; then every instance is ready, nothing answered was lost or doubled, and the
     * failover was noticed.
     */
    static void survives(String what, List<RunningGateway> gateways, FakeTwilio twilio, int chats, Failover failover)
            throws Exception {
        var load = new FailoverLoad(gateways);
        load.start(chats);
        load.awaitAnswered(200, Duration.ofSeconds(30));

        failover.happen();
        load.awaitAnswered(200, Duration.ofSeconds(60));
        load.stop();
        load.assertEveryInstanceReady();

        var figures = load.checkSms(twilio, load.checkChats());
        System.out.println(what + ": " + figures);
        assertThat(figures.lost()).isZero();
        assertThat(figures.doubled()).isZero();
        assertThat(figures.refused()).as("the failover was noticed").isPositive();
    }

    /** Stops the gateways and the fake Twilio, and Redis whatever happened before. */
    static void close(List<RunningGateway> gateways, FakeTwilio twilio, AutoCloseable redis) throws Exception {
        try {
            for (var gateway : gateways) {
                gateway.close();
            }
            twilio.close();
        } finally {
            redis.close();
        }
    }

    /** Starts {@code chats} web chats (each begun at another instance) and one SMS sender. */
    void start(int chats) throws Exception {
        for (int i = 0; i < chats; i++) {
            var chat = WebChat.start(gateways.get(i % gateways.size()).client(), null);
            sentTexts.put(chat, Collections.synchronizedList(new ArrayList<>()));
            int first = i;
            threads.add(started(new Thread(() -> chat(chat, first), "chat-" + i)));
        }
        threads.add(started(new Thread(this::sms, "sms")));
    }

    private static Thread started(Thread thread) {
        thread.start();
        return thread;
    }

    /** Lets every debtor finish the message they are on (answered at last), then stops. */
    void stop() throws Exception {
        running = false;
        for (var thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(90));
            assertThat(thread.isAlive()).as(thread.getName() + " finished its last message").isFalse();
        }
    }

    /** Returns once {@code count} requests in a row, across instances, have been answered since now. */
    void awaitAnswered(int count, Duration within) {
        int from = answered.get();
        Until.holds(count + " more answers", within, () -> answered.get() >= from + count);
    }

    /** Every instance reports itself ready again (readiness checks the store), without a restart. */
    void assertEveryInstanceReady() throws Exception {
        for (var gateway : gateways) {
            assertThat(WebChat.await(gateway.client().get("/health/ready").send()).statusCode()).isEqualTo(200);
        }
    }

    private void chat(WebChat first, int offset) {
        List<String> texts = sentTexts.get(first);
        int attempt = offset;
        for (int k = 0; running; k++) {
            // Small numbers only: the text must reach the store as it was typed.
            String text = "melding " + k + " i samtale " + offset;
            // Each try to the next instance, as a load balancer would send them.
            while (!say(first.at(gateways.get(attempt++ % gateways.size()).client()), text, "m-" + k)) {
                pause(RETRY_AFTER_MS);
            }
            texts.add(text);
            pause(CHAT_EVERY_MS);
        }
    }

    private boolean say(WebChat chat, String text, String clientMessageId) {
        return timed(() -> chat.say(text, clientMessageId).statusCode() == 200);
    }

    private void sms() {
        var attempts = new AtomicInteger();
        for (int j = 0; running; j++) {
            String sid = "SMfailover" + j;
            String from = "+4792" + String.format("%06d", j);
            var params = SignedWebhooks.sms(sid, from, OURS, "hei");
            while (!timed(() -> WebChat.await(webhooks.post(
                    gateways.get(attempts.getAndIncrement() % gateways.size()).client(), params)).statusCode() == 200)) {
                pause(RETRY_AFTER_MS);
            }
            acknowledgedSms.put(sid, from);
            pause(SMS_EVERY_MS);
        }
    }

    private interface Request {
        boolean ok() throws Exception;
    }

    private boolean timed(Request request) {
        long started = System.nanoTime();
        requests.incrementAndGet();
        boolean ok;
        try {
            ok = request.ok();
        } catch (Exception e) {
            ok = false;
        }
        if (ok) {
            answered.incrementAndGet();
        } else {
            refused.incrementAndGet();
            firstFailureStarted.accumulateAndGet(started, Math::min);
            lastFailureEnded.accumulateAndGet(System.nanoTime(), Math::max);
        }
        return ok;
    }

    /**
     * Every message answered 200 is in its chat's transcript exactly once, in the order sent; returns the figures.
     */
    Figures checkChats() throws Exception {
        int lost = 0;
        int doubled = 0;
        int messages = 0;
        for (var entry : sentTexts.entrySet()) {
            var sent = List.copyOf(entry.getValue());
            var stored = entry.getKey().transcript().stream().map(JsonObject.class::cast)
                    .filter(m -> "debtor".equals(m.getString("from"))).map(m -> m.getString("text")).toList();
            messages += sent.size();
            for (String text : sent) {
                long times = stored.stream().filter(text::equals).count();
                lost += times == 0 ? 1 : 0;
                doubled += times > 1 ? 1 : 0;
            }
            assertThat(stored).as("chat " + entry.getKey().id() + ": every answered message once, in order")
                    .containsExactlyElementsOf(sent);
        }
        return new Figures(requests.get(), answered.get(), refused.get(), messages, lost, doubled, 0, 0,
                firstFailureStarted.get() == Long.MAX_VALUE ? 0
                        : (lastFailureEnded.get() - firstFailureStarted.get()) / 1e9);
    }

    /**
     * Every acknowledged SMS is answered, at most twice (a takeover may answer again what its dead instance had
     * sent); returns the SMS figures added to {@code chats}.
     */
    Figures checkSms(FakeTwilio twilio, Figures chats) {
        var expected = Map.copyOf(acknowledgedSms);
        Until.holds("an answer to each of the " + expected.size() + " acknowledged SMS", Duration.ofSeconds(60), () -> {
            var answeredTo = twilio.sent().stream().map(FakeTwilio.Sent::to).distinct().toList();
            return answeredTo.containsAll(expected.values());
        });
        var answers = new HashMap<String, Integer>();
        twilio.sent().forEach(s -> answers.merge(s.to(), 1, Integer::sum));
        int twice = 0;
        for (String to : expected.values()) {
            assertThat(answers.get(to)).as("answers to " + to).isBetween(1, 2);
            twice += answers.get(to) == 2 ? 1 : 0;
        }
        return new Figures(chats.requests(), chats.answered(), chats.refused(), chats.chatMessages(), chats.lost(),
                chats.doubled(), expected.size(), twice, chats.secondsWithoutService());
    }

    record Figures(int requests, int answered, int refused, int chatMessages, int lost, int doubled, int sms,
                   int smsAnsweredTwice, double secondsWithoutService) {
        @Override
        public String toString() {
            return "%d requests, %d answered 200, %d refused (503 or no answer, then retried); %d chat messages"
                    .formatted(requests, answered, refused, chatMessages)
                    + ", %d lost, %d twice; %d SMS acknowledged, all answered, %d twice; %.1f s without service"
                    .formatted(lost, doubled, sms, smsAnsweredTwice, secondsWithoutService);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
