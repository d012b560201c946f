package no.nora.channels.sms;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import no.nora.bot.ConversationEngine;
import no.nora.bot.ConversationNotFoundException;
import no.nora.bot.Inbound;
import no.nora.bot.accepted.AcceptedMessages;
import no.nora.bot.conversation.Author;
import no.nora.bot.conversation.Ids;
import no.nora.bot.conversation.Message;
import no.nora.bot.conversation.StoreUnavailableException;
import no.nora.bot.metrics.TaggedCounter;
import no.nora.intents.Language;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a verified, redacted SMS: kept (once per {@code MessageSid}) before Twilio has its
 * acknowledgement, then answered one at a time per pair of numbers – keywords here, everything else a bot turn whose
 * replies go out in order – and forgotten when answered.
 */
public final class SmsInbox {
    private static final Logger log = LoggerFactory.getLogger(SmsInbox.class);
    /** Twilio retries a webhook for far less than a day. */
    static final Duration DEDUPE_FOR = Duration.ofHours(24);

    public enum Outcome { TURN, DUPLICATE, OPTED_OUT, OPTED_IN, HELP, FAILED }

    /**
     * One inbound SMS handled; for tests and monitoring, in memory only.
     *
     * @param messageSid Twilio's id; for a message taken over from another instance, the hash it was kept under
     *                   (the id itself is not stored: it may hold a run of digits)
     */
    public record Handled(String messageSid, Outcome outcome, Optional<String> conversationId) {
    }

    /** How many messages left by silent instances one look takes over. */
    static final int TAKE_OVER_AT_ONCE = 100;

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
    private final TaggedCounter inbound;
    private final Counter takenOver;
    private final Counter retries;
    private final AcceptedMessages accepted;
    /** The kept messages this instance is answering or will answer next, by key: their leases are renewed. */
    private final Map<String, AcceptedMessages.Accepted> answering = new ConcurrentHashMap<>();
    /** Acknowledged while the store was down: in this process only, until the store is back. */
    private final AtomicInteger unkept = new AtomicInteger();
    /** Acknowledged and not answered yet, whatever the reason. */
    private final AtomicInteger unanswered = new AtomicInteger();
    private final List<Consumer<Handled>> listeners = new CopyOnWriteArrayList<>();
    private volatile List<Context> turnLoops = List.of();
    private long caretaker = -1;
    /** Set when the gateway stops: completed once nothing is being answered here. */
    private volatile Promise<Void> drained;

    SmsInbox(Vertx vertx, ConversationEngine engine, AcceptedMessages accepted, SmsConversations conversations,
             SmsOutbound outbound, OptOuts optOuts, OneAtATime order, SmsTexts texts, Clock clock,
             MeterRegistry metrics) {
        this.vertx = vertx;
        this.accepted = accepted;
        this.engine = engine;
        this.conversations = conversations;
        this.outbound = outbound;
        this.optOuts = optOuts;
        this.order = order;
        this.texts = texts;
        this.clock = clock;
        this.inbound = new TaggedCounter(metrics, "nora.sms.inbound", "outcome",
                "Inbound SMS handled, by outcome");
        this.retries = Counter.builder("nora.sms.inbound.retries")
                .description("Inbound SMS steps tried again because the store was unavailable").register(metrics);
        this.takenOver = Counter.builder("nora.sms.inbound.taken.over")
                .description("Inbound SMS answered here after the instance that accepted them went silent")
                .register(metrics);
        // Acknowledged to Twilio and not answered yet: steady near zero; growing means turns cannot keep up.
        Gauge.builder("nora.sms.inbound.unanswered", unanswered, AtomicInteger::get)
                .description("Inbound SMS acknowledged to Twilio and not answered yet").register(metrics);
    }

    void onHandled(Consumer<Handled> listener) {
        listeners.add(listener);
    }

    /**
     * Keeps a verified message and answers it, behind earlier messages of the same two numbers. The keep goes out to
     * Redis before the acknowledgement, on the same event loop, and is not waited for (it would cost the
     * acknowledgement a round trip): once written, it reaches Redis even if this process dies a moment later, and
     * another instance answers the message – Twilio would not send it again. Deduplicated by {@code MessageSid},
     * leased to this instance until answered. While the store is down, the message stays in this process and is
     * tried again until the store is back.
     */
    void accept(InboundSms sms) {
        var kept = new AcceptedMessages.Accepted(Ids.hash(sms.messageSid()), sms.stored());
        Future<Boolean> keeping = accepted.keep(kept.key(), kept.entry())
                .recover(failure -> keptOnceStoreIsBack(kept))
                .andThen(first -> {
                    if (first.succeeded() && first.result()) {
                        answering.put(kept.key(), kept);
                    }
                });
        answerInOrder(kept, sms, keeping, false);
    }

    private Future<Boolean> keptOnceStoreIsBack(AcceptedMessages.Accepted kept) {
        unkept.incrementAndGet();
        return untilStored(() -> accepted.keep(kept.key(), kept.entry()), FIRST_RETRY_MS, 0)
                .andThen(done -> unkept.decrementAndGet());
    }

    /** {@code first}: whether the message is new (false for a retried webhook), once it is kept. */
    private void answerInOrder(AcceptedMessages.Accepted kept, InboundSms sms, Future<Boolean> first,
                               boolean takenOver) {
        unanswered.incrementAndGet();
        String pair = SmsConversations.pair(sms.from(), sms.to());
        onTurnLoop(pair, () -> order.run(pair, () -> first
                        .compose(isNew -> isNew ? answer(kept, sms, takenOver) : duplicate(sms)))
                .recover(failure -> failed(sms, failure, Optional.empty())))
                .onComplete(handled -> {
                    unanswered.decrementAndGet();
                    drainedIfIdle();
                })
                .onSuccess(this::tell);
    }

    /** The turn, then the message is forgotten: even when it failed for good, or it would be taken over for ever. */
    private Future<Handled> answer(AcceptedMessages.Accepted kept, InboundSms sms, boolean takenOver) {
        return untilStored(() -> process(kept.key(), sms, takenOver), FIRST_RETRY_MS, 0)
                .recover(failure -> failed(sms, failure, Optional.empty()))
                .compose(handled -> untilStored(() -> accepted.done(kept), FIRST_RETRY_MS, 0)
                        .recover(e -> Future.succeededFuture()).map(handled))
                .andThen(handled -> answering.remove(kept.key()));
    }

    private void drainedIfIdle() {
        var stopping = drained;
        if (stopping != null && unanswered.get() == 0) {
            stopping.tryComplete();
        }
    }

    private void tell(Handled handled) {
        listeners.forEach(l -> l.accept(handled));
    }

    private Future<Handled> onTurnLoop(String pair, java.util.function.Supplier<Future<Handled>> work) {
        var loops = turnLoops;
        if (loops.isEmpty()) {
            return work.get();
        }
        Promise<Handled> handled = Promise.promise();
        loops.get(Math.floorMod(pair.hashCode(), loops.size()))
                .runOnContext(v -> work.get().onComplete(handled));
        return handled.future();
    }

    /**
     * Starts looking after accepted messages: every third of {@code takeOverAfter}, renews the leases of those this
     * instance is answering and takes over those whose instance went silent.
     */
    void start(Duration takeOverAfter) {
        long every = Math.max(100, takeOverAfter.toMillis() / 3);
        caretaker = vertx.setPeriodic(every, t -> lookAfterAccepted());
    }

    /**
     * Stops taking messages over and completes when every message this instance is answering has been answered (and
     * those acknowledged while the store was down have been kept), or after {@code grace}: what is being answered
     * then is taken over by another instance (with Redis) once its lease runs out; what could not be kept is lost.
     */
    Future<Void> stop(Duration grace) {
        if (caretaker >= 0) {
            vertx.cancelTimer(caretaker);
        }
        Promise<Void> done = Promise.promise();
        drained = done;
        drainedIfIdle();
        long timer = vertx.setTimer(Math.max(1, grace.toMillis()), t -> {
            if (done.tryComplete()) {
                if (!answering.isEmpty()) {
                    log.warn("Stopping with {} SMS still being answered (with Redis, another instance will answer them)",
                            answering.size());
                }
                if (unkept.get() > 0) {
                    log.error("Stopping with {} acknowledged SMS that could not be kept while the store was down:"
                            + " they are lost", unkept.get());
                }
            }
        });
        return done.future().andThen(r -> vertx.cancelTimer(timer));
    }

    private void lookAfterAccepted() {
        accepted.renew(List.copyOf(answering.values()))
                .onFailure(e -> log.warn("Could not renew the leases of accepted SMS: {}", e.getMessage()));
        accepted.takeOverdue(TAKE_OVER_AT_ONCE).onSuccess(overdue -> overdue.forEach(entry -> {
            if (answering.containsKey(entry.key())) {
                return; // ours, and slower than the lease: still being answered here
            }
            InboundSms sms;
            try {
                sms = InboundSms.restored(entry.key(), entry.entry());
            } catch (RuntimeException unreadable) {
                // Taken over again and again otherwise.
                log.warn("An accepted SMS could not be read back and is dropped: {}", unreadable.toString());
                accepted.done(entry);
                return;
            }
            takenOver.increment();
            log.info("Taking over an SMS accepted by a silent instance");
            answering.put(entry.key(), entry);
            answerInOrder(entry, sms, Future.succeededFuture(true), true);
        })).onFailure(e -> log.warn("Could not look for SMS left by other instances: {}", e.getMessage()));
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

    /** Runs {@code step} again, waiting longer each time, while the store is unavailable (up to a bound). */
    private <T> Future<T> untilStored(java.util.function.Supplier<Future<T>> step, long retryMs, long waitedMs) {
        return step.get().recover(failure -> {
            if (!(failure instanceof StoreUnavailableException) || waitedMs >= GIVE_UP_AFTER_MS) {
                return Future.failedFuture(failure);
            }
            retries.increment();
            return vertx.timer(retryMs).compose(t -> untilStored(step, Math.min(LONGEST_RETRY_MS, retryMs * 2),
                    waitedMs + retryMs));
        });
    }

    /** Twilio already has its acknowledgement, so a failure can only be counted and logged (masked). */
    private Future<Handled> failed(InboundSms sms, Throwable failure, Optional<String> conversationId) {
        inbound.increment("failed");
        log.warn("Inbound SMS from {} not handled: {}", PhoneNumbers.mask(sms.from()), failure.toString());
        return Future.succeededFuture(new Handled(sms.messageSid(), Outcome.FAILED, conversationId));
    }

    private Future<Handled> duplicate(InboundSms sms) {
        inbound.increment("duplicate");
        return Future.succeededFuture(new Handled(sms.messageSid(), Outcome.DUPLICATE, Optional.empty()));
    }

    private Future<Handled> process(String key, InboundSms sms, boolean takenOver) {
        var keyword = SmsKeyword.in(sms.body().text());
        if (keyword.isPresent()) {
            return keyword(sms, keyword.get());
        }
        inbound.increment("turn");
        return conversations.conversationFor(sms.from(), sms.to())
                .compose(id -> turn(key, sms, id, takenOver).recover(failure -> failure instanceof ConversationNotFoundException
                        // The remembered conversation was erased or expired: the message starts a new one.
                        ? conversations.startAnew(sms.from(), sms.to()).compose(newId -> turn(key, sms, newId, takenOver))
                        : Future.failedFuture(failure)));
    }

    /**
     * Replies go out within the turn, so a later turn (on any instance) never overtakes them. A turn taken over from
     * a silent instance may have been decided there already: its replies are sent (again) all the same, since
     * whether they went out before the crash is unknown – a debtor may get an answer twice, never none.
     */
    private Future<Handled> turn(String key, InboundSms sms, String id, boolean takenOver) {
        return engine.receive(id, new Inbound(Optional.of(key), sms.body()),
                        turn -> sendInOrder(id, sms.from(), turn.repeated() && !takenOver ? List.of() : turn.replies()))
                .map(turn -> new Handled(sms.messageSid(), Outcome.TURN, Optional.of(id)))
                .recover(failure -> failure instanceof StoreUnavailableException
                        || failure instanceof ConversationNotFoundException ? Future.failedFuture(failure)
                        : failed(sms, failure, Optional.of(id)));
    }

    private Future<Handled> keyword(InboundSms sms, SmsKeyword.Found found) {
        inbound.increment(found.keyword().name().toLowerCase(java.util.Locale.ROOT));
        // Confirmed in the thread's language: "STOP" in a Norwegian thread gets a Norwegian answer.
        return conversations.language(sms.from(), sms.to()).recover(e -> Future.succeededFuture(Optional.empty()))
                .compose(thread -> keyword(sms, found, thread.orElse(found.language())));
    }

    private Future<Handled> keyword(InboundSms sms, SmsKeyword.Found found, Language language) {
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
