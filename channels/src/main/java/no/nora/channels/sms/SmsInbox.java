package no.nora.channels.sms;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import no.nora.bot.ConversationEngine;
import no.nora.bot.ConversationNotFoundException;
import no.nora.bot.Inbound;
import no.nora.bot.conversation.Author;
import no.nora.bot.conversation.Ids;
import no.nora.bot.conversation.Message;
import no.nora.bot.conversation.StoreUnavailableException;
import no.nora.intents.Language;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a verified, redacted SMS after Twilio has its acknowledgement: once per {@code MessageSid}, one
 * at a time per pair of numbers, keywords answered here, everything else a bot turn whose replies go out in order.
 */
public final class SmsInbox {
    private static final Logger log = LoggerFactory.getLogger(SmsInbox.class);
    /** Twilio retries a webhook for far less than a day. */
    static final Duration DEDUPE_FOR = Duration.ofHours(24);

    public enum Outcome { TURN, DUPLICATE, OPTED_OUT, OPTED_IN, HELP, FAILED }

    /** One inbound SMS handled; for tests and monitoring, in memory only. */
    public record Handled(String messageSid, Outcome outcome, Optional<String> conversationId) {
    }

    /** While the store is down, an acknowledged message is tried again: first after this, then twice as long, up to a cap. */
    static final long FIRST_RETRY_MS = 250;
    static final long LONGEST_RETRY_MS = 30_000;
    /** How long an acknowledged message is kept trying before it is given up (and counted and logged as failed). */
    static final long GIVE_UP_AFTER_MS = 3_600_000;

    private final Vertx vertx;
    private final ConversationEngine engine;
    private final SmsConversations conversations;
    private final SmsOutbound outbound;
    private final OptOuts optOuts;
    private final OneAtATime order;
    private final SmsTexts texts;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final List<Consumer<Handled>> listeners = new CopyOnWriteArrayList<>();
    private volatile List<Context> turnLoops = List.of();

    SmsInbox(Vertx vertx, ConversationEngine engine, SmsConversations conversations, SmsOutbound outbound,
             OptOuts optOuts, OneAtATime order, SmsTexts texts, Clock clock, MeterRegistry metrics) {
        this.vertx = vertx;
        this.engine = engine;
        this.conversations = conversations;
        this.outbound = outbound;
        this.optOuts = optOuts;
        this.order = order;
        this.texts = texts;
        this.clock = clock;
        this.metrics = metrics;
    }

    void onHandled(Consumer<Handled> listener) {
        listeners.add(listener);
    }

    /**
     * Handles a message Twilio already has its acknowledgement for: claims its {@code MessageSid} (so a retried
     * webhook is a duplicate) and answers it, behind earlier messages of the same two numbers. While the store is
     * down, the claim and then the turn are tried again until it is back: an acknowledged message is kept, not lost.
     */
    Future<Handled> take(InboundSms sms) {
        var loops = turnLoops;
        if (loops.isEmpty()) {
            return takeHere(sms);
        }
        Promise<Handled> handled = Promise.promise();
        loops.get(Math.floorMod(SmsConversations.pair(sms.from(), sms.to()).hashCode(), loops.size()))
                .runOnContext(v -> takeHere(sms).onComplete(handled));
        return handled.future();
    }

    /**
     * From now on, turns run on the event loops the HTTP servers do not use (when there are any), so a burst of
     * turns never delays the webhook's acknowledgement: Twilio waits at most 15 s for it and then sends the message
     * again, so slow acknowledgements at a campaign's peak would multiply the load.
     */
    void runTurnsApartFrom(Set<EventLoop> serverLoops) {
        var internal = (VertxInternal) vertx;
        var loops = new ArrayList<Context>();
        for (EventExecutor executor : internal.nettyEventLoopGroup()) {
            if (executor instanceof EventLoop loop && !serverLoops.contains(loop)) {
                loops.add(internal.contextBuilder().withEventLoop(loop).build());
            }
        }
        turnLoops = List.copyOf(loops);
    }

    private Future<Handled> takeHere(InboundSms sms) {
        return order.run(SmsConversations.pair(sms.from(), sms.to()), () -> untilStored(() -> engine.store()
                                .claimOnce("sms:sid:" + Ids.hash(sms.messageSid()), DEDUPE_FOR), FIRST_RETRY_MS, 0)
                        .compose(first -> first ? untilStored(() -> process(sms), FIRST_RETRY_MS, 0) : duplicate(sms)))
                .recover(failure -> failed(sms, failure, Optional.empty()))
                .onSuccess(handled -> listeners.forEach(l -> l.accept(handled)));
    }

    /** Runs {@code step} again, waiting longer each time, while the store is unavailable (up to a bound). */
    private <T> Future<T> untilStored(java.util.function.Supplier<Future<T>> step, long retryMs, long waitedMs) {
        return step.get().recover(failure -> {
            if (!(failure instanceof StoreUnavailableException) || waitedMs >= GIVE_UP_AFTER_MS) {
                return Future.failedFuture(failure);
            }
            metrics.counter("nora.sms.inbound.retries").increment();
            return vertx.timer(retryMs).compose(t -> untilStored(step, Math.min(LONGEST_RETRY_MS, retryMs * 2),
                    waitedMs + retryMs));
        });
    }

    /** Twilio already has its acknowledgement, so a failure can only be counted and logged (masked). */
    private Future<Handled> failed(InboundSms sms, Throwable failure, Optional<String> conversationId) {
        metrics.counter("nora.sms.inbound", "outcome", "failed").increment();
        log.warn("Inbound SMS from {} not handled: {}", PhoneNumbers.mask(sms.from()), failure.toString());
        return Future.succeededFuture(new Handled(sms.messageSid(), Outcome.FAILED, conversationId));
    }

    private Future<Handled> duplicate(InboundSms sms) {
        metrics.counter("nora.sms.inbound", "outcome", "duplicate").increment();
        return Future.succeededFuture(new Handled(sms.messageSid(), Outcome.DUPLICATE, Optional.empty()));
    }

    private Future<Handled> process(InboundSms sms) {
        var keyword = SmsKeyword.in(sms.body().text());
        if (keyword.isPresent()) {
            return keyword(sms, keyword.get());
        }
        metrics.counter("nora.sms.inbound", "outcome", "turn").increment();
        return conversations.conversationFor(sms.from(), sms.to())
                .compose(id -> turn(sms, id).recover(failure -> failure instanceof ConversationNotFoundException
                        // The remembered conversation was erased or expired: the message starts a new one.
                        ? conversations.startAnew(sms.from(), sms.to()).compose(newId -> turn(sms, newId))
                        : Future.failedFuture(failure)));
    }

    /** Replies go out within the turn, so a later turn (on any instance) never overtakes them. */
    private Future<Handled> turn(InboundSms sms, String id) {
        return engine.receive(id, new Inbound(Optional.of(Ids.hash(sms.messageSid())), sms.body()),
                        turn -> sendInOrder(id, sms.from(), turn.repeated() ? List.of() : turn.replies()))
                .map(turn -> new Handled(sms.messageSid(), Outcome.TURN, Optional.of(id)))
                .recover(failure -> failure instanceof StoreUnavailableException
                        || failure instanceof ConversationNotFoundException ? Future.failedFuture(failure)
                        : failed(sms, failure, Optional.of(id)));
    }

    private Future<Handled> keyword(InboundSms sms, SmsKeyword.Found found) {
        metrics.counter("nora.sms.inbound", "outcome", found.keyword().name().toLowerCase(java.util.Locale.ROOT)).increment();
        Language language = found.language();
        return switch (found.keyword()) {
            case OPT_OUT -> optOuts.optOut(sms.from())
                    .compose(changed -> changed ? outbound.sendEvenIfOptedOut(sms.from(),
                            texts.get(language, "optout.confirmed")).mapEmpty() : Future.succeededFuture())
                    .map(done -> new Handled(sms.messageSid(), Outcome.OPTED_OUT, Optional.empty()));
            case OPT_IN -> optOuts.optIn(sms.from())
                    .compose(changed -> changed ? outbound.send(sms.from(), texts.get(language, "optin.confirmed"))
                            .mapEmpty() : Future.succeededFuture())
                    .map(done -> new Handled(sms.messageSid(), Outcome.OPTED_IN, Optional.empty()));
            case HELP -> outbound.sendEvenIfOptedOut(sms.from(), texts.get(language, "help"))
                    .map(sent -> new Handled(sms.messageSid(), Outcome.HELP, Optional.empty()));
        };
    }

    /**
     * Sends one reply after the other. When one finally fails, the rest are not sent (they would read out of
     * context) and an internal note in the transcript tells the agents.
     */
    Future<Void> sendInOrder(String conversationId, String to, List<Message> replies) {
        Future<Void> chain = Future.succeededFuture();
        for (var reply : replies) {
            if (reply.internal()) {
                continue;
            }
            chain = chain.compose(previous -> outbound.send(to, SmsText.render(reply)).mapEmpty());
        }
        return chain.recover(failure -> note(conversationId,
                failure instanceof OptedOutException ? "note.not.sent.opted.out" : "note.not.sent"));
    }

    private Future<Void> note(String conversationId, String key) {
        var note = new Message(Ids.messageId(), Author.SYSTEM, texts.get(Language.NB, key), List.of(), clock.instant(),
                true);
        return engine.store().append(conversationId, note);
    }
}
