package no.nora.bot.handoff;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import no.nora.bot.ConversationNotFoundException;
import no.nora.bot.conversation.Author;
import no.nora.bot.conversation.Channel;
import no.nora.bot.conversation.ConversationState;
import no.nora.bot.conversation.ConversationStore;
import no.nora.bot.conversation.Ids;
import no.nora.bot.conversation.Message;
import no.nora.bot.live.ConversationEvents;
import no.nora.bot.live.TurnOrder;
import no.nora.bot.metrics.TaggedCounter;
import no.nora.bot.text.Texts;
import no.nora.redact.RedactedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Human handoff: the engine asks for a person ({@link #request}), agents claim, answer, release and close, and
 * deadlines expire. Every change of a conversation runs in its {@link TurnOrder}, so agent actions and debtor turns
 * never interleave, on any instance; every status change goes through {@link HandoffTransitions}. What the debtor
 * is told outside a turn is stored, published on the conversation's topic and delivered on the debtor's channel.
 */
public final class Handoffs {
    private static final Logger log = LoggerFactory.getLogger(Handoffs.class);
    /** How long an instance owns a passed deadline before another may fire it (it died halfway). */
    private static final Duration TIMER_LEASE = Duration.ofSeconds(30);
    /** An agent's console sends a heartbeat every 20 s; one not heard from for this long is offline. */
    public static final Duration AGENT_ONLINE_FOR = Duration.ofSeconds(60);

    private final Vertx vertx;
    private final ConversationStore store;
    private final TurnOrder order;
    private final ConversationEvents events;
    private final HandoffQueue queue;
    private final Texts texts;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final TaggedCounter handoffsByReason;
    private final HandoffSettings settings;
    private final Map<Channel, DebtorDelivery> deliveries = new ConcurrentHashMap<>();
    private final AtomicLong queueLength = new AtomicLong();
    private long scanTimer = -1;
    private long countsTimer = -1;
    /** How often this instance's counts of the day's figures are written. */
    private static final long COUNTS_EVERY_MS = 1_000;
    private final DayCounts dayCounts;

    public Handoffs(Vertx vertx, ConversationStore store, TurnOrder order, ConversationEvents events,
                    HandoffQueue queue, Texts texts, Clock clock, MeterRegistry metrics, HandoffSettings settings) {
        this.vertx = vertx;
        this.store = store;
        this.order = order;
        this.events = events;
        this.queue = queue;
        this.dayCounts = new DayCounts(queue);
        this.texts = texts;
        this.clock = clock;
        this.metrics = metrics;
        this.handoffsByReason = new TaggedCounter(metrics, "nora.handoffs", "reason",
                "Conversations handed over to the customer centre, by reason");
        this.settings = settings;
        for (Channel channel : Channel.values()) {
            deliveries.put(channel, DebtorDelivery.none());
        }
        Gauge.builder("nora.handoff.queue.length", queueLength, Number::doubleValue)
                .description("Conversations waiting for an agent").register(metrics);
    }

    /** Plugs in how agents' messages and notices reach debtors on a channel (SMS); the web chat needs none. */
    public Handoffs deliverOn(Channel channel, DebtorDelivery delivery) {
        deliveries.put(channel, delivery);
        return this;
    }

    /** The live events agents follow (the queue, and the conversations they have open). */
    public ConversationEvents events() {
        return events;
    }

    public HandoffSettings settings() {
        return settings;
    }

    /** Starts looking for passed deadlines on this instance. */
    public void start() {
        if (scanTimer < 0) {
            scanTimer = vertx.setPeriodic(settings.scanEvery().toMillis(), t -> scan());
            countsTimer = vertx.setPeriodic(COUNTS_EVERY_MS, t -> flushCounts());
        }
    }

    public void stop() {
        if (scanTimer >= 0) {
            vertx.cancelTimer(scanTimer);
            vertx.cancelTimer(countsTimer);
            scanTimer = -1;
            flushCounts();
        }
    }

    // ---- The engine's side: called within the debtor's turn, which already holds the turn order. ----

    /** The conversation after a handoff request, and what the debtor is told in the same turn. */
    public record Handover(ConversationState state, List<Message> notices) {
        public Handover {
            notices = List.copyOf(notices);
        }
    }

    /**
     * Queues the conversation for a person. Harmless when it is already queued or assigned. Outside opening hours
     * (and after an expiry) the debtor's message waits in the queue without a deadline.
     *
     * @param before the state at the start of the turn: what the debtor wanted and what the bot had collected
     */
    public Future<Handover> request(ConversationState state, HandoffReason reason, ConversationState before) {
        HandoffTransitions.Outcome moved;
        try {
            moved = HandoffTransitions.apply(state, HandoffStatus.QUEUED, Optional.empty());
        } catch (HandoffRefused alreadyWithAPerson) {
            return Future.succeededFuture(new Handover(state, List.of()));
        }
        if (!moved.changed()) {
            return Future.succeededFuture(new Handover(state, List.of()));
        }
        Instant now = clock.instant();
        boolean afterExpiry = state.handoff() == HandoffStatus.EXPIRED;
        boolean open = settings.hours().isOpen(now);
        boolean leftMessage = afterExpiry || !open;
        return queue.find(state.id()).compose(previous -> {
            var entry = afterExpiry && previous.isPresent()
                    ? requeued(previous.get(), now)
                    : new QueueEntry(state.id(), state.channel(), state.language(), state.caseId(), reason,
                    before.task().or(state::task), before.task().isPresent() ? before.slots() : state.slots(), now,
                    leftMessage, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    QueueEntry.debtorKey(state), Optional.empty());
            Future<Void> saved = queue.save(entry);
            if (!leftMessage) {
                saved = saved.compose(v -> queue.schedule(HandoffTimer.queue(state.id()), now.plus(settings.queueTimeout())));
            }
            return saved.map(v -> entry);
        }).compose(entry -> {
            handoffsByReason.increment(entry.reason().code());
            countToday("handoff." + entry.reason().code());
            return announce(moved.state(), HandoffStatus.QUEUED, Optional.empty(), "queued")
                    .map(v -> new Handover(moved.state(), List.of(system(queuedNotice(state, afterExpiry, open, now)))));
        });
    }

    private static QueueEntry requeued(QueueEntry previous, Instant now) {
        return new QueueEntry(previous.conversationId(), previous.channel(), previous.language(), previous.caseId(),
                previous.reason(), previous.task(), previous.slots(), now, true, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), previous.debtorKey(), Optional.empty());
    }

    private String queuedNotice(ConversationState state, boolean afterExpiry, boolean open, Instant now) {
        if (afterExpiry) {
            return texts.get(state.language(), "handoff.message-left");
        }
        if (open) {
            return texts.get(state.language(), "handoff.queued");
        }
        return settings.hours().nextOpening(now)
                .map(at -> texts.get(state.language(), "handoff.closed-hours",
                        at.getDayOfWeek().getDisplayName(TextStyle.FULL, state.language().locale()),
                        String.format("%02d", at.getHour())))
                .orElseGet(() -> texts.get(state.language(), "handoff.unavailable"));
    }

    /** The debtor wrote while an agent has the conversation: the agent's reply deadline starts (if not running). */
    public Future<Void> debtorWrote(ConversationState state) {
        if (state.handoff() != HandoffStatus.ASSIGNED) {
            return Future.succeededFuture();
        }
        return queue.schedule(HandoffTimer.reply(state.id()), clock.instant().plus(settings.replyTimeout()))
                .recover(e -> Future.succeededFuture());
    }

    // ---- The agents' side. ----

    /** What the agent sees: the waiting queue and their own conversations; a supervisor sees every assigned one. */
    public Future<List<QueueEntry>> queue(Agent viewer) {
        return queue.waiting().compose(waiting -> queue.assigned().map(assigned -> {
            var out = new ArrayList<>(waiting);
            assigned.stream().filter(e -> viewer.supervisor() || e.agentId().equals(Optional.of(viewer.id())))
                    .forEach(out::add);
            return out;
        }));
    }

    /** One conversation as an agent sees it, with the whole transcript (private notes included). */
    public record Details(ConversationState state, Optional<QueueEntry> entry, List<Message> transcript) {
    }

    public Future<Details> details(String conversationId, Agent viewer) {
        return store.find(conversationId).compose(found -> {
            var state = found.orElseThrow(ConversationNotFoundException::new);
            return queue.find(conversationId).compose(entry -> {
                if (!canSee(state, entry, viewer)) {
                    return Future.failedFuture(new HandoffForbidden("This conversation is another agent's"));
                }
                return store.transcript(conversationId).map(all -> new Details(state, entry, all));
            });
        });
    }

    /** True when the agent may follow the conversation live (for the agents' WebSocket). */
    public Future<Boolean> canSee(String conversationId, Agent viewer) {
        return store.find(conversationId).compose(found -> found.isEmpty() ? Future.succeededFuture(false)
                : queue.find(conversationId).map(entry -> canSee(found.get(), entry, viewer)));
    }

    /**
     * A supervisor sees everything; an agent the queue, their own conversations, and the ones they had until they
     * ended them (so the transcript stays readable after "back to Nora" or closing).
     */
    private static boolean canSee(ConversationState state, Optional<QueueEntry> entry, Agent viewer) {
        if (viewer.supervisor()) {
            return true;
        }
        return switch (state.handoff()) {
            case QUEUED -> true;
            case ASSIGNED -> state.agentId().equals(Optional.of(viewer.id()));
            default -> entry.filter(QueueEntry::ended).flatMap(QueueEntry::agentId).equals(Optional.of(viewer.id()));
        };
    }

    /** Only one agent gets a queued conversation; the others are refused. Claiming one's own again is harmless. */
    public Future<QueueEntry> claim(String conversationId, Agent agent) {
        return inTurn(conversationId, (state, entry) -> {
            var moved = HandoffTransitions.apply(state, HandoffStatus.ASSIGNED, Optional.of(agent.id()));
            if (!moved.changed()) {
                return Future.succeededFuture(entry.orElseThrow(() -> new HandoffRefused(state.handoff(), HandoffStatus.ASSIGNED)));
            }
            Instant now = clock.instant();
            var claimed = entry.orElseGet(() -> new QueueEntry(state.id(), state.channel(), state.language(),
                    state.caseId(), HandoffReason.REQUESTED, state.task(), state.slots(), now, false, Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), QueueEntry.debtorKey(state), Optional.empty()))
                    .claimedBy(agent, now);
            return store.save(moved.state())
                    .compose(v -> queue.save(claimed))
                    .compose(v -> queue.cancel(HandoffTimer.queue(conversationId)))
                    .compose(v -> tell(moved.state(), system(texts.get(state.language(), "handoff.joined", agent.firstName()))))
                    .compose(v -> announce(moved.state(), HandoffStatus.ASSIGNED, Optional.of(agent), "claimed"))
                    .map(v -> claimed);
        });
    }

    /**
     * An agent's message: public ones go to the debtor (only from the agent who has the conversation); private notes
     * stay with agents. The text is redacted by the caller, as every text is.
     */
    public Future<Message> say(String conversationId, Agent agent, RedactedText text, boolean internal) {
        return inTurn(conversationId, (state, entry) -> {
            if (!canSee(state, entry, agent)) {
                return Future.failedFuture(new HandoffForbidden("This conversation is another agent's"));
            }
            Instant now = clock.instant();
            var message = new Message(Ids.messageId(), Author.AGENT, text.text(), List.of(), now, internal);
            if (internal) {
                return store.append(conversationId, message)
                        .compose(v -> publish(ConversationEvents.AGENTS, new JsonObject().put("type", "note")
                                .put("conversationId", conversationId).put("message", message.toJson())))
                        .map(v -> message);
            }
            if (state.handoff() != HandoffStatus.ASSIGNED || !state.agentId().equals(Optional.of(agent.id()))) {
                return Future.failedFuture(new HandoffRefused(state.handoff(), HandoffStatus.ASSIGNED));
            }
            Future<Void> firstReply = Future.succeededFuture();
            if (entry.isPresent() && entry.get().firstReplyAt().isEmpty()) {
                Timer.builder("nora.handoff.first.reply")
                        .description("From a handoff's request to the agent's first reply").register(metrics)
                        .record(Duration.between(entry.get().queuedAt(), now));
                countToday(HandoffFigures.replyBucket(Duration.between(entry.get().queuedAt(), now)));
                firstReply = queue.save(entry.get().firstReplied(now));
            }
            return firstReply
                    .compose(v -> queue.cancel(HandoffTimer.reply(conversationId)))
                    .compose(v -> tell(state, message))
                    .map(v -> message);
        });
    }

    /** The agent's typing, for the debtor's chat; nothing is stored. */
    public Future<Void> typing(String conversationId, Agent agent) {
        return store.find(conversationId).compose(found -> found
                .filter(s -> s.handoff() == HandoffStatus.ASSIGNED && s.agentId().equals(Optional.of(agent.id())))
                .map(s -> publish(ConversationEvents.conversation(conversationId),
                        new JsonObject().put("type", "typing").put("from", Author.AGENT.code())))
                .orElseGet(Future::succeededFuture));
    }

    /** Back to the bot; the debtor is told the person left. */
    public Future<Void> release(String conversationId, Agent agent) {
        return leave(conversationId, agent, HandoffStatus.BOT, HandoffOutcome.RELEASED, "handoff.released", "released");
    }

    /** The agent ends the conversation with an outcome for the figures; the debtor is told. */
    public Future<Void> close(String conversationId, Agent agent, HandoffOutcome outcome) {
        if (outcome == HandoffOutcome.RELEASED) {
            return release(conversationId, agent);
        }
        return leave(conversationId, agent, HandoffStatus.CLOSED, outcome, "handoff.closed", "closed");
    }

    private Future<Void> leave(String conversationId, Agent agent, HandoffStatus to, HandoffOutcome outcome,
                               String notice, String change) {
        return inTurn(conversationId, (state, entry) -> {
            if (state.handoff() == to) {
                return Future.succeededFuture(); // released or closed already: asking again is harmless
            }
            if (state.handoff() != HandoffStatus.ASSIGNED) {
                return Future.failedFuture(new HandoffRefused(state.handoff(), to));
            }
            if (!state.agentId().equals(Optional.of(agent.id())) && !agent.supervisor()) {
                return Future.failedFuture(new HandoffForbidden("This conversation is another agent's"));
            }
            var moved = HandoffTransitions.apply(state, to, Optional.empty());
            String name = entry.flatMap(QueueEntry::agentName).map(n -> new Agent("", n, Agent.Role.AGENT).firstName())
                    .orElse(agent.firstName());
            Instant now = clock.instant();
            var ended = entry.orElseGet(() -> unlisted(state, now).claimedBy(agent, now))
                    .endedWith(new Ending(outcome, now, agent.id()));
            countToday("outcome." + outcome.code());
            return store.save(moved.state())
                    .compose(v -> queue.ended(ended))
                    .compose(v -> tell(moved.state(), system(texts.get(state.language(), notice, name))))
                    .compose(v -> announce(moved.state(), to, Optional.empty(), change));
        });
    }

    /**
     * Hands an assigned conversation on: to another agent (who is told on their live feed) or back to the queue, in
     * its old place. Its owner or a supervisor may; the debtor is told who answers now, or that they wait again.
     */
    public Future<QueueEntry> transfer(String conversationId, Agent by, Optional<Agent> to) {
        return inTurn(conversationId, (state, entry) -> {
            if (state.handoff() != HandoffStatus.ASSIGNED) {
                return Future.failedFuture(new HandoffRefused(state.handoff(), HandoffStatus.QUEUED));
            }
            if (!state.agentId().equals(Optional.of(by.id())) && !by.supervisor()) {
                return Future.failedFuture(new HandoffForbidden("This conversation is another agent's"));
            }
            if (to.isPresent() && state.agentId().equals(Optional.of(to.get().id()))) {
                return Future.succeededFuture(entry.orElseThrow(() -> new HandoffRefused(state.handoff(), HandoffStatus.ASSIGNED)));
            }
            Instant now = clock.instant();
            var current = entry.orElseGet(() -> unlisted(state, now));
            var queued = HandoffTransitions.apply(state, HandoffStatus.QUEUED, Optional.empty()).state();
            if (to.isEmpty()) {
                var waiting = current.unclaimed();
                return store.save(queued)
                        .compose(v -> queue.save(waiting))
                        .compose(v -> queue.cancel(HandoffTimer.reply(conversationId)))
                        .compose(v -> queue.schedule(HandoffTimer.queue(conversationId), now.plus(settings.queueTimeout())))
                        .compose(v -> tell(queued, system(texts.get(state.language(), "handoff.queued"))))
                        .compose(v -> announce(queued, HandoffStatus.QUEUED, Optional.empty(), "transferred"))
                        .map(v -> waiting);
            }
            var assigned = HandoffTransitions.apply(queued, HandoffStatus.ASSIGNED, Optional.of(to.get().id())).state();
            var claimed = current.claimedBy(to.get(), now);
            return store.save(assigned)
                    .compose(v -> queue.save(claimed))
                    .compose(v -> tell(assigned, system(texts.get(state.language(), "handoff.joined", to.get().firstName()))))
                    .compose(v -> announce(assigned, HandoffStatus.ASSIGNED, to, "transferred"))
                    .map(v -> claimed);
        });
    }

    /** An entry for a conversation that has none (an agent took it without a request; older data). */
    private static QueueEntry unlisted(ConversationState state, Instant now) {
        return new QueueEntry(state.id(), state.channel(), state.language(), state.caseId(), HandoffReason.REQUESTED,
                state.task(), state.slots(), now, false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), QueueEntry.debtorKey(state), Optional.empty());
    }

    // ---- What the customer centre shares: recently ended, agents online, the day's figures. ----

    /** Every conversation waiting for an agent, in answering order. */
    public Future<List<QueueEntry>> waiting() {
        return queue.waiting();
    }

    /** Assigned conversations: the viewer's own, or every one for a supervisor. */
    public Future<List<QueueEntry>> assigned(Agent viewer) {
        return queue.assigned().map(all -> all.stream()
                .filter(e -> viewer.supervisor() || e.agentId().equals(Optional.of(viewer.id()))).toList());
    }

    /** Recently ended conversations: the ones the viewer had, or every one for a supervisor. */
    public Future<List<QueueEntry>> recentlyEnded(Agent viewer) {
        return queue.recentlyEnded().map(all -> all.stream()
                .filter(e -> viewer.supervisor() || e.agentId().equals(Optional.of(viewer.id()))).toList());
    }

    /** The debtor's other conversations that people handled, newest first (from the recently ended). */
    public Future<List<QueueEntry>> earlier(QueueEntry of) {
        if (of.debtorKey().isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return queue.recentlyEnded().map(all -> all.stream()
                .filter(e -> e.debtorKey().equals(of.debtorKey()) && !e.conversationId().equals(of.conversationId()))
                .toList());
    }

    /** A conversation's state, for the inbox (its last debtor message, who the debtor is); no access check. */
    public Future<Optional<ConversationState>> state(String conversationId) {
        return store.find(conversationId);
    }

    /** The queue entry of a conversation, if people ever had it. */
    public Future<Optional<QueueEntry>> entry(String conversationId) {
        return queue.find(conversationId);
    }

    /** A heartbeat from an agent's console. */
    public Future<Void> agentSeen(Agent agent) {
        return queue.agentSeen(agent, clock.instant()).recover(e -> Future.succeededFuture());
    }

    public Future<Void> agentGone(Agent agent) {
        return queue.agentGone(agent.id()).recover(e -> Future.succeededFuture());
    }

    /** Agents whose console was heard from within {@link #AGENT_ONLINE_FOR}, each with their load. */
    public Future<List<AgentLoad>> agentsOnline() {
        return queue.agentsSeenSince(clock.instant().minus(AGENT_ONLINE_FOR)).compose(online -> queue.assigned()
                .map(assigned -> online.stream().map(a -> new AgentLoad(a.agent(), (int) assigned.stream()
                        .filter(e -> e.agentId().equals(Optional.of(a.agent().id()))).count())).toList()));
    }

    /** An agent online and how many conversations they have. */
    public record AgentLoad(Agent agent, int conversations) {
    }

    /** A new conversation, for the day's containment figure. */
    public void started(ConversationState state) {
        countToday("started");
    }

    /** The supervisor's figures: now, and the last {@code days} days (today last). */
    public Future<HandoffFigures> figures(int days) {
        // This instance's latest counts first, so what was just counted here is in the figures.
        return dayCounts.flush().recover(e -> Future.succeededFuture()).compose(v -> readFigures(days));
    }

    private Future<HandoffFigures> readFigures(int days) {
        LocalDate today = LocalDate.now(clock.withZone(OpeningHours.OSLO));
        var perDay = new ArrayList<Future<Map<String, Long>>>();
        for (int i = days - 1; i >= 0; i--) {
            perDay.add(queue.figures(today.minusDays(i)));
        }
        return Future.all(perDay).compose(all -> queue.waiting().compose(waiting -> agentsOnline().map(online -> {
            var daily = new ArrayList<HandoffFigures.Day>();
            for (int i = 0; i < perDay.size(); i++) {
                daily.add(new HandoffFigures.Day(today.minusDays(days - 1 - i), perDay.get(i).result()));
            }
            return new HandoffFigures(clock.instant(), waiting, online, daily);
        })));
    }

    private void countToday(String figure) {
        count(List.of(figure));
    }

    /** Adds one to each of today's figures; written to the store within a second ({@link DayCounts}). */
    public void count(List<String> figures) {
        dayCounts.add(LocalDate.now(clock.withZone(OpeningHours.OSLO)), figures);
    }

    private void flushCounts() {
        dayCounts.flush().onFailure(e -> log.debug("Figures not written yet: {}", e.getMessage()));
    }

    // ---- Deadlines. ----

    void scan() {
        queue.due(clock.instant(), TIMER_LEASE)
                .onSuccess(due -> due.forEach(timer -> fire(timer)
                        .onFailure(e -> log.debug("Handoff deadline not handled yet: {}", e.getMessage()))))
                .onFailure(e -> log.debug("Handoff deadlines not read: {}", e.getMessage()));
        refreshQueueLength();
    }

    Future<Void> fire(HandoffTimer timer) {
        return switch (timer.kind()) {
            case QUEUE -> expire(timer.conversationId());
            case REPLY -> replyOverdue(timer.conversationId());
        };
    }

    /** Nobody took the conversation in time: the bot offers the phone number and to take a message. */
    private Future<Void> expire(String conversationId) {
        return inTurnIfFound(conversationId, (state, entry) -> {
            if (state.handoff() != HandoffStatus.QUEUED || entry.map(QueueEntry::leftMessage).orElse(false)) {
                return queue.cancel(HandoffTimer.queue(conversationId));
            }
            var moved = HandoffTransitions.apply(state, HandoffStatus.EXPIRED, Optional.empty());
            Counter.builder("nora.handoff.expired").description("Handoffs no agent took before the queue timeout")
                    .register(metrics).increment();
            return store.save(moved.state())
                    .compose(v -> queue.remove(conversationId, true))
                    .compose(v -> tell(moved.state(), system(texts.get(state.language(), "handoff.expired"))))
                    .compose(v -> announce(moved.state(), HandoffStatus.EXPIRED, Optional.empty(), "expired"));
        });
    }

    private Future<Void> replyOverdue(String conversationId) {
        return inTurnIfFound(conversationId, (state, entry) -> {
            Future<Void> told = Future.succeededFuture();
            if (state.handoff() == HandoffStatus.ASSIGNED) {
                Counter.builder("nora.handoff.reply.overdue")
                        .description("Debtor messages an assigned agent left unanswered too long").register(metrics)
                        .increment();
                told = publish(ConversationEvents.AGENTS, new JsonObject().put("type", "reply-overdue")
                        .put("conversationId", conversationId).put("agentId", state.agentId().orElse("")));
            }
            return told.compose(v -> queue.cancel(HandoffTimer.reply(conversationId)));
        });
    }

    // ---- Plumbing. ----

    private <T> Future<T> inTurn(String conversationId,
                                 BiFunction<ConversationState, Optional<QueueEntry>, Future<T>> work) {
        return order.inOrder(conversationId, () -> store.find(conversationId).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(new ConversationNotFoundException());
            }
            return queue.find(conversationId).compose(entry -> work.apply(found.get(), entry));
        }));
    }

    /** For deadlines: a conversation erased meanwhile just drops its deadlines. */
    private Future<Void> inTurnIfFound(String conversationId,
                                       BiFunction<ConversationState, Optional<QueueEntry>, Future<Void>> work) {
        return inTurn(conversationId, work).recover(e -> e instanceof ConversationNotFoundException
                ? queue.remove(conversationId, false)
                : Future.failedFuture(e));
    }

    /** A message said outside the debtor's turn: stored, then published, then delivered on the debtor's channel. */
    private Future<Void> tell(ConversationState state, Message message) {
        return store.append(state.id(), message)
                .compose(v -> publish(ConversationEvents.conversation(state.id()),
                        new JsonObject().put("type", "message").put("message", message.toJson())))
                .compose(v -> deliveries.get(state.channel()).deliver(state, message).recover(e -> {
                    log.warn("A {} message could not be delivered on {}: {}", message.from().code(),
                            state.channel().code(), e.getMessage());
                    return Future.succeededFuture();
                }));
    }

    /** An erased conversation leaves the queue, its deadlines and the agents' screens. */
    public Future<Void> forget(String conversationId) {
        return queue.remove(conversationId, false)
                .compose(v -> publish(ConversationEvents.AGENTS, new JsonObject().put("type", "queue")
                        .put("change", "erased").put("conversationId", conversationId)))
                .onComplete(v -> refreshQueueLength());
    }

    /** The status for the debtor's chat, and the queue change for agents. */
    private Future<Void> announce(ConversationState state, HandoffStatus status, Optional<Agent> agent, String change) {
        var statusEvent = new JsonObject().put("type", "status").put("status", status.code());
        agent.ifPresent(a -> statusEvent.put("agent", a.firstName()));
        var queueEvent = new JsonObject().put("type", "queue").put("change", change).put("conversationId", state.id())
                .put("status", status.code());
        agent.ifPresent(a -> queueEvent.put("agentId", a.id()));
        return publish(ConversationEvents.conversation(state.id()), statusEvent)
                .compose(v -> publish(ConversationEvents.AGENTS, queueEvent))
                .onComplete(v -> refreshQueueLength());
    }

    /** Events are a fast path: a failed publish loses nothing stored, and clients resync. */
    private Future<Void> publish(String topic, JsonObject event) {
        return events.publish(topic, event).recover(e -> Future.succeededFuture());
    }

    private void refreshQueueLength() {
        queue.waitingCount().onSuccess(queueLength::set);
    }

    private Message system(String text) {
        return Message.of(Ids.messageId(), Author.SYSTEM, text, List.of(), clock.instant());
    }
}
