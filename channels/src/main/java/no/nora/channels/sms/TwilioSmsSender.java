package no.nora.channels.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import no.nora.channels.config.GatewayConfig;
import no.nora.redact.RedactedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through Twilio's Messaging API with the official SDK. SDK calls block, so they run on a worker pool of
 * their own, never on an event loop. Transient failures (connection errors, 5xx, 429) are retried with exponential
 * backoff and jitter, a bounded number of times; anything else fails at once.
 */
public final class TwilioSmsSender implements SmsSender {
    private static final Logger log = LoggerFactory.getLogger(TwilioSmsSender.class);

    /** How often and how patiently to retry: {@code attempts} in all, the first wait {@code firstDelay}, doubling. */
    public record Retry(int attempts, Duration firstDelay) {
        public static Retry standard() {
            return new Retry(4, Duration.ofMillis(250));
        }

        long delayBefore(int attempt) {
            long base = firstDelay.toMillis() << Math.min(attempt - 2, 10);
            return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        }
    }

    private final Vertx vertx;
    private final WorkerExecutor workers;
    private final TwilioRestClient client;
    private final String from;
    private final Retry retry;

    private TwilioSmsSender(Vertx vertx, WorkerExecutor workers, TwilioRestClient client, String from, Retry retry) {
        this.vertx = vertx;
        this.workers = workers;
        this.client = client;
        this.from = from;
        this.retry = retry;
    }

    public static TwilioSmsSender create(Vertx vertx, GatewayConfig.Twilio twilio, Optional<URI> apiBase, Retry retry) {
        var client = new TwilioRestClient.Builder(twilio.accountSid(), twilio.authToken())
                .httpClient(new TwilioHttpClient(apiBase))
                .build();
        return new TwilioSmsSender(vertx, vertx.createSharedWorkerExecutor("twilio-sms", 16), client, twilio.from(), retry);
    }

    @Override
    public String from() {
        return from;
    }

    @Override
    public Future<SentSms> send(String to, RedactedText body, Optional<URI> statusCallback) {
        return attempt(to, body, statusCallback, 1);
    }

    private Future<SentSms> attempt(String to, RedactedText body, Optional<URI> statusCallback, int attempt) {
        return workers.<SentSms>executeBlocking(() -> create(to, body, statusCallback), false)
                .recover(failure -> {
                    if (attempt >= retry.attempts() || !isTransient(failure)) {
                        log.warn("SMS to {} not sent after {} attempt(s): {}", PhoneNumbers.mask(to), attempt,
                                failure.getClass().getSimpleName());
                        return Future.failedFuture(failure);
                    }
                    return vertx.timer(retry.delayBefore(attempt + 1), TimeUnit.MILLISECONDS)
                            .compose(waited -> attempt(to, body, statusCallback, attempt + 1));
                });
    }

    private SentSms create(String to, RedactedText body, Optional<URI> statusCallback) {
        var creator = Message.creator(new PhoneNumber(to), new PhoneNumber(from), body.text());
        statusCallback.ifPresent(creator::setStatusCallback);
        Message message = creator.create(client);
        return new SentSms(message.getSid(), message.getStatus() == null ? "queued" : message.getStatus().toString());
    }

    static boolean isTransient(Throwable failure) {
        if (failure instanceof ApiConnectionException) {
            return true;
        }
        if (failure instanceof ApiException api) {
            Integer status = api.getStatusCode() != null ? api.getStatusCode() : api.getHttpStatusCode();
            return status != null && (status >= 500 || status == 429);
        }
        return false;
    }

    public Future<Void> close() {
        return workers.close();
    }
}
