package no.nora.channels.sms;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import no.nora.bot.conversation.Ids;

/**
 * Twilio's Messaging REST API as far as the gateway uses it ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}),
 * answering like Twilio, recording every request it accepts, and able to fail the next requests with 500 or 429.
 */
public final class FakeTwilio {
    /** One accepted Messages.json request: what Twilio would have received. */
    public record Sent(String accountSid, String authorization, String to, String from, String body, String statusCallback,
                String sid) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final boolean recording;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Sent> sent = new ArrayList<>();
    private final List<Map.Entry<Integer, CompletableFuture<List<Sent>>>> waiters = new ArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile int failWith = 500;
    private final AtomicInteger failedRequests = new AtomicInteger();
    private final CompletableFuture<Void> firstFailure = new CompletableFuture<>();
    private final AtomicInteger holdNext = new AtomicInteger();
    private final CompletableFuture<Void> firstHeld = new CompletableFuture<>();

    public FakeTwilio() throws Exception {
        this(true);
    }

    /**
     * A fake for load runs: it answers the same, but only counts what it accepts. Holding a million sent messages
     * would make the benchmark's heap – shared with the gateway – measure the fake.
     */
    public static FakeTwilio counting() throws Exception {
        return new FakeTwilio(false);
    }

    private FakeTwilio(boolean recording) throws Exception {
        this.recording = recording;
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false));
        router.post("/2010-04-01/Accounts/:account/Messages.json").handler(this::create);
        server = vertx.createHttpServer().requestHandler(router).listen(0)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public String baseUrl() {
        return "http://localhost:" + server.actualPort();
    }

    /** The next {@code times} requests fail with {@code status} (500 or 429), as Twilio does when it struggles. */
    void failNext(int times, int status) {
        failWith = status;
        failNext.set(times);
    }

    int failedRequests() {
        return failedRequests.get();
    }

    /** Waits (bounded) until the fake has refused a request as {@link #failNext} told it to. */
    void awaitFirstFailure() throws Exception {
        firstFailure.get(30, TimeUnit.SECONDS);
    }

    /**
     * The next {@code times} requests are read and never answered, as when Twilio hangs: the sender is left waiting
     * and nothing is sent.
     */
    public void holdNext(int times) {
        holdNext.set(times);
    }

    /** Waits (bounded) until the fake is holding a request as {@link #holdNext} told it to. */
    public void awaitHeld() throws Exception {
        firstHeld.get(30, TimeUnit.SECONDS);
    }

    private void create(RoutingContext ctx) {
        if (holdNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            firstHeld.complete(null);
            return;
        }
        if (failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            failedRequests.incrementAndGet();
            firstFailure.complete(null);
            ctx.response().setStatusCode(failWith).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("code", failWith == 429 ? 20429 : 20500)
                            .put("message", failWith == 429 ? "Too Many Requests" : "Internal Server Error")
                            .put("more_info", "https://www.twilio.com/docs/errors/20500")
                            .put("status", failWith).encode());
            return;
        }
        var form = ctx.request().formAttributes();
        String account = ctx.pathParam("account");
        String sid = "SM" + Ids.random(32);
        var message = new Sent(account, ctx.request().getHeader("Authorization"), form.get("To"), form.get("From"),
                form.get("Body"), form.get("StatusCallback"), sid);
        accepted.incrementAndGet();
        if (recording) {
            record(message);
        }
        ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                .end(new JsonObject()
                        .put("sid", sid).put("account_sid", account).put("to", message.to()).put("from", message.from())
                        .put("body", message.body()).put("status", "queued").put("num_segments", "1")
                        .put("direction", "outbound-api").put("api_version", "2010-04-01")
                        .put("uri", "/2010-04-01/Accounts/" + account + "/Messages/" + sid + ".json").encode());
    }

    private synchronized void record(Sent message) {
        sent.add(message);
        waiters.removeIf(w -> {
            if (sent.size() >= w.getKey()) {
                w.getValue().complete(List.copyOf(sent));
                return true;
            }
            return false;
        });
    }

    /** How many messages the fake has accepted in all (recording or counting). */
    public int accepted() {
        return accepted.get();
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    synchronized List<Sent> sentTo(String to) {
        return sent.stream().filter(s -> to.equals(s.to())).toList();
    }

    /** Waits (bounded) until the fake has accepted at least {@code count} messages in all. */
    public List<Sent> awaitSent(int count) throws Exception {
        CompletableFuture<List<Sent>> done = new CompletableFuture<>();
        synchronized (this) {
            if (sent.size() >= count) {
                return List.copyOf(sent);
            }
            waiters.add(Map.entry(count, done));
        }
        return done.get(30, TimeUnit.SECONDS);
    }

    static String basicAuth(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
    }

    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
