package no.nora.channels.sms;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import no.nora.bot.conversation.Ids;
import no.nora.redact.RedactedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default without Twilio credentials: sends nothing, logs a masked line, and keeps the last messages
 * for the demo's outbox ({@code GET /demo/sms/outbox}), so the whole SMS flow can be tried without an account.
 */
public final class LogSmsSender implements SmsSender {
    private static final Logger log = LoggerFactory.getLogger(LogSmsSender.class);
    /** The demo's own "number"; letters only, it is never dialled. */
    static final String DEMO_FROM = "NoraDemo";

    private final int keep;
    private final Clock clock;
    private final Deque<JsonObject> outbox = new ArrayDeque<>();

    public LogSmsSender(int keep, Clock clock) {
        this.keep = keep;
        this.clock = clock;
    }

    @Override
    public String from() {
        return DEMO_FROM;
    }

    @Override
    public Future<SentSms> send(String to, RedactedText body, Optional<URI> statusCallback) {
        var sent = new SentSms("LOG" + Ids.random(32), "sent");
        log.info("SMS (log only, not sent) to {}: {} characters, {} segment(s)", PhoneNumbers.mask(to), body.text().length(),
                SmsText.segments(body.text()).parts());
        synchronized (outbox) {
            outbox.addLast(new JsonObject().put("sid", sent.sid()).put("to", to).put("body", body.text())
                    .put("at", no.nora.bot.text.Timestamps.text(clock.instant())));
            while (outbox.size() > keep) {
                outbox.removeFirst();
            }
        }
        return Future.succeededFuture(sent);
    }

    /** Newest last. */
    JsonArray outbox() {
        synchronized (outbox) {
            return new JsonArray(outbox.stream().map(JsonObject::copy).toList());
        }
    }
}
