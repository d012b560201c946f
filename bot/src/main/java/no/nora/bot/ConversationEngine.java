package no.nora.bot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import no.nora.bot.caseapi.CaseApiException;
import no.nora.bot.conversation.Author;
import no.nora.bot.conversation.ConversationState;
import no.nora.bot.conversation.ConversationStore;
import no.nora.bot.conversation.DigitFree;
import no.nora.bot.conversation.Ids;
import no.nora.bot.conversation.Link;
import no.nora.bot.conversation.Message;
import no.nora.bot.conversation.TurnClose;
import no.nora.bot.conversation.TurnHold;
import no.nora.bot.conversation.TurnStart;
import no.nora.bot.dialogue.Dialogue;
import no.nora.bot.dialogue.Reply;
import no.nora.bot.dialogue.Step;
import no.nora.bot.dialogue.TurnContext;
import no.nora.bot.handoff.HandoffReason;
import no.nora.bot.handoff.HandoffStatus;
import no.nora.bot.handoff.HandoffTransitions;
import no.nora.bot.handoff.Handoffs;
import no.nora.bot.learning.Learning;
import no.nora.bot.learning.ReviewReason;
import no.nora.bot.live.ConversationEvents;
import no.nora.bot.live.TurnOrder;
import no.nora.bot.metrics.TaggedCounter;
import no.nora.bot.text.Texts;
import no.nora.intents.Intent;
import no.nora.intents.Language;
import no.nora.intents.Understanding;
import no.nora.redact.RedactedText;
import no.nora.redact.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel-blind core: takes a redacted debtor message, understands it, lets the dialogue decide, stores and
 * publishes everything said, and returns the turn for the channel to render. One turn per conversation at a time,
 * in order ({@link TurnOrder}); every message is stored before it is published.
 */
public final class ConversationEngine {
    private static final Logger log = LoggerFactory.getLogger(ConversationEngine.class);
    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private final ConversationStore store;
    private final TurnOrder order;
    private final ConversationEvents events;
    private final Learning learning;
    private final Dialogue dialogue;
    private final Texts texts;
    private final Clock clock;
    private final Handoffs handoffs;
    private final TaggedCounter conversationsStarted;
    private final TaggedCounter intents;
    private final Counter caseApiDown;
    private final Counter fallbacks;

    public ConversationEngine(ConversationStore store, TurnOrder order, ConversationEvents events,
                              Learning learning, Dialogue dialogue, Texts texts, Clock clock,
                              MeterRegistry metrics, Handoffs handoffs) {
        this.handoffs = handoffs;
        this.store = store;
        this.order = order;
        this.events = events;
        this.learning = learning;
        this.dialogue = dialogue;
        this.texts = texts;
        this.clock = clock;
        this.conversationsStarted = new TaggedCounter(metrics, "nora.conversations.started", "channel",
                "Conversations started, by channel");
        this.caseApiDown = Counter.builder("nora.dialogue.case.api.unavailable")
                .description("Turns the bot could not answer because the case API was unavailable").register(metrics);
        this.intents = new TaggedCounter(metrics, "nora.intents", "intent",
                "Debtor messages the bot answered, by the intent it understood");
        this.fallbacks = Counter.builder("nora.fallbacks")
                .description("Debtor messages the bot answered without understanding them (asked to rephrase, or"
                        + " offered a person)").register(metrics);
    }

    public ConversationStore store() {
        return store;
    }

    public ConversationEvents events() {
        return events;
    }

    public Texts texts() {
        return texts;
    }

    /** Starts a conversation. Web chats open with the welcome and the privacy notice. */
    public Future<Started> start(NewConversation request) {
        String token = Ids.token();
        var started = ConversationState.start(Ids.conversationId(), request.channel(), request.language(),
                request.debtorId(), request.phone(), request.caseId(), Ids.hash(token), clock.instant());
        var reminded = request.remindedAt().map(started::withRemindedAt).orElse(started);
        var state = request.signedInUntil().map(until -> reminded.withSlot(SIGNED_IN_UNTIL,
                DigitFree.count(until.getEpochSecond()))).orElse(reminded);
        var opening = new ArrayList<Message>();
        if (request.channel() == no.nora.bot.conversation.Channel.WEB) {
            if (request.debtorId().isPresent()) {
                opening.add(bot(Reply.of(texts.get(state.language(), "welcome.signed-in"))));
            } else {
                // Signing in is what helps with one's own case: offered from the first message.
                opening.add(bot(Reply.withLink(texts.get(state.language(), "welcome.anonymous"),
                        new Link(texts.get(state.language(), "link.sign-in"), Link.SIGN_IN))));
            }
            opening.add(message(Author.SYSTEM, texts.get(state.language(), "privacy.notice")));
        }
        conversationsStarted.increment(request.channel().code());
        handoffs.started(state); // the day's count, for the containment figure
        var close = new TurnClose(ConversationEvents.conversation(state.id()), messageEvents(opening), Optional.empty());
        return store.commitTurn(state, opening, Optional.empty(), close)
                .compose(closed -> closed ? Future.succeededFuture() : publishAll(close))
                .map(done -> new Started(state, token, opening));
    }

    public Future<Optional<ConversationState>> find(String conversationId) {
        return store.find(conversationId);
    }

    /** The transcript after the given message id (all of it when absent); agents' private notes only when asked. */
    public Future<List<Message>> transcript(String conversationId, Optional<String> afterId, boolean withInternal) {
        return store.transcript(conversationId).map(all -> {
            int from = 0;
            if (afterId.isPresent()) {
                for (int i = 0; i < all.size(); i++) {
                    if (all.get(i).id().equals(afterId.get())) {
                        from = i + 1;
                    }
                }
            }
            return all.subList(from, all.size()).stream().filter(m -> withInternal || !m.internal()).toList();
        });
    }

    /**
     * Erases everything about a conversation (GDPR): its queue entry and timers, state, transcript and remembered
     * turns, and its messages in the review inbox and the labelled examples. In order with any turn in progress, so
     * nothing is written back after the erase.
     */
    public Future<Void> erase(String conversationId) {
        return order.inOrder(conversationId, () -> handoffs.forget(conversationId)
                .compose(v -> store.erase(conversationId, List.of()))
                .compose(v -> learning.forget(conversationId)));
    }

    /** Handles one debtor message, in order with every other message of the conversation. */
    public Future<Turn> receive(String conversationId, Inbound inbound) {
        return receive(conversationId, inbound, Optional.empty());
    }

    /**
     * As {@link #receive(String, Inbound)}, and hands the turn to {@code deliver} before the conversation's next turn
     * may start, on any instance: a channel that sends replies itself (SMS) sends them in order this way.
     */
    public Future<Turn> receive(String conversationId, Inbound inbound, Function<Turn, Future<?>> deliver) {
        return receive(conversationId, inbound, Optional.of(deliver));
    }

    /** Without anything to deliver, the turn's commit may also end the turn (see {@link TurnClose}). */
    private Future<Turn> receive(String conversationId, Inbound inbound, Optional<Function<Turn, Future<?>>> deliver) {
        return order.inOrderHeld(conversationId, () -> store.startTurn(conversationId, inbound.clientKey()),
                (found, hold) -> turn(found, inbound, deliver.isEmpty() ? Optional.of(hold) : Optional.empty())
                        .compose(turn -> deliver.isEmpty() ? Future.succeededFuture(turn)
                                : deliver.get().apply(turn).map(delivered -> turn)));
    }

    /** @param endable the turn's hold, when its commit may release it */
    private Future<Turn> turn(Optional<TurnStart> found, Inbound inbound, Optional<TurnHold> endable) {
        if (found.isEmpty() || inbound.token().map(token -> !found.get().state().opensWith(token)).orElse(false)) {
            return Future.failedFuture(new ConversationNotFoundException());
        }
        var start = found.get();
        return start.earlierTry().isPresent()
                ? repeated(start.state(), start.earlierTry().get())
                : process(start.state(), inbound, endable);
    }

    private Future<Turn> repeated(ConversationState state, List<String> messageIds) {
        return store.transcript(state.id()).map(all -> {
            var byId = new java.util.HashMap<String, Message>();
            all.forEach(m -> byId.put(m.id(), m));
            var messages = messageIds.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
            if (messages.isEmpty()) {
                // The turn has aged out of the capped transcript; answer with a bare acknowledgement.
                return new Turn(state, message(Author.DEBTOR, ""), List.of(), true);
            }
            return new Turn(state, messages.get(0), messages.subList(1, messages.size()), true);
        });
    }

    private Future<Turn> process(ConversationState state, Inbound received, Optional<TurnHold> endable) {
        return withoutSplitNumbers(state, received).compose(inbound -> process(state, inbound, received, endable));
    }

    private Future<Turn> process(ConversationState state, Inbound inbound, Inbound received,
                                 Optional<TurnHold> endable) {
        Understanding understanding = learning.model().classifier().understand(inbound.text());
        // What the bot made of it is kept with the message for agents (never in the debtor's JSON).
        var debtorMessage = message(Author.DEBTOR, inbound.text().text())
                .understoodAs(understanding.intent().label(), understanding.confidence());
        var afterMessage = state.withLastDebtorMessage(debtorMessage.id());
        // Nothing is written until the turn is decided: then all of it at once (see complete).
        return answer(afterMessage, inbound, understanding)
                .compose(step -> finish(step, afterMessage, debtorMessage, received, endable).map(turn -> {
                    learnFrom(afterMessage, step, debtorMessage, understanding);
                    return turn;
                }));
    }

    /**
     * After a turn the bot answered (and it is stored): the day's figures, and the message in the team's review
     * inbox when the bot fell back, acted on a weak guess for a new request, or handed over because of it.
     */
    private void learnFrom(ConversationState before, Step step, Message debtorMessage, Understanding understanding) {
        if (!botAnswers(before)) {
            return;
        }
        var reason = reviewReason(before, step, understanding);
        var figures = new ArrayList<String>(3);
        figures.add("messages");
        figures.add("intent." + understanding.intent().label());
        if (reason.filter(r -> r == ReviewReason.NOT_UNDERSTOOD).isPresent()) {
            figures.add("fallback");
            fallbacks.increment();
        }
        handoffs.count(figures);
        // "500", "10.04": without a word there is no phrasing to learn (and digits are best kept out of the inbox).
        if (debtorMessage.text().codePoints().anyMatch(Character::isLetter)) {
            reason.ifPresent(r -> learning.capture(before.id(), before.channel().code(), debtorMessage.text(),
                    understanding, r));
        }
    }

    private static boolean botAnswers(ConversationState state) {
        return state.handoff() != HandoffStatus.ASSIGNED && state.handoff() != HandoffStatus.QUEUED
                && state.handoff() != HandoffStatus.EXPIRED;
    }

    static Optional<ReviewReason> reviewReason(ConversationState before, Step step, Understanding understanding) {
        var handoff = step.handoff();
        if (handoff.isPresent() && handoff.get() != HandoffReason.CASE_API_DOWN) {
            return Optional.of(handoff.get() == HandoffReason.NOT_UNDERSTOOD ? ReviewReason.NOT_UNDERSTOOD
                    : ReviewReason.HANDOFF);
        }
        if (step.state().misses() > before.misses()) {
            return Optional.of(ReviewReason.NOT_UNDERSTOOD);
        }
        // An answer to an open question ("den første", "ja") is read by the dialogue, not by the model's guess.
        if (before.task().isEmpty() && understanding.intent() != Intent.OUT_OF_SCOPE
                && understanding.confidence() < Learning.LOW_CONFIDENCE) {
            return Optional.of(ReviewReason.LOW_CONFIDENCE);
        }
        return Optional.empty();
    }

    /** Until when (epoch seconds, in letters) the debtor's sign-in holds: My Page's token expiry. */
    static final String SIGNED_IN_UNTIL = ConversationState.CONTEXT + "signed-in-until";

    /** Set once a queued debtor's message has been acknowledged. */
    private static final String QUEUED_ACKNOWLEDGED = ConversationState.CONTEXT + "queued-ack";

    /**
     * A number typed over several messages ("179120", then "99997"; or one digit a message) is removed from all of
     * them: from the new text, and from the stored earlier messages (agents see the change live). All the debtor's
     * messages in the (capped) transcript are read as one text, so no count of messages bounds a number; only
     * messages with a digit pay for the transcript read.
     */
    private Future<Inbound> withoutSplitNumbers(ConversationState state, Inbound inbound) {
        if (!inbound.text().hasDigit() || state.lastDebtorMessageId().isEmpty()) {
            return Future.succeededFuture(inbound);
        }
        return store.transcript(state.id()).compose(all -> {
            var earlier = all.stream().filter(m -> m.from() == Author.DEBTOR).toList();
            var texts = new ArrayList<RedactedText>();
            earlier.forEach(m -> texts.add(Redactor.redact(m.text())));
            texts.add(inbound.text());
            var joined = Redactor.acrossMessages(texts);
            Future<Void> rewrites = Future.succeededFuture();
            for (int i = 0; i < earlier.size(); i++) {
                if (!joined.get(i).text().equals(earlier.get(i).text())) {
                    var m = earlier.get(i);
                    var rewritten = m.withText(joined.get(i).text());
                    rewrites = rewrites.compose(v -> store.replace(state.id(), rewritten))
                            .compose(v -> events.publish(ConversationEvents.conversation(state.id()),
                                    new JsonObject().put("type", "message-updated").put("message", rewritten.toJson())));
                }
            }
            var text = joined.get(joined.size() - 1);
            return rewrites.map(v -> new Inbound(inbound.clientKey(), text, inbound.token()));
        });
    }

    /** The bot answers only while it has the conversation; queued and assigned conversations belong to people. */
    private Future<Step> answer(ConversationState state, Inbound inbound, Understanding understanding) {
        if (state.handoff() == HandoffStatus.ASSIGNED) {
            return Future.succeededFuture(Step.say(state));
        }
        if (state.handoff() == HandoffStatus.QUEUED) {
            // Said once: the debtor knows the message is not lost, and what happens next; then the bot keeps quiet.
            return Future.succeededFuture(state.slot(QUEUED_ACKNOWLEDGED).isPresent() ? Step.say(state)
                    : Step.say(state.withSlot(QUEUED_ACKNOWLEDGED, "1"),
                            Reply.of(texts.get(state.language(), "handoff.queued.message-kept"))));
        }
        if (state.handoff() == HandoffStatus.EXPIRED) {
            // Nobody took it in time and the bot offered to take a message: this is it; it waits in the queue.
            return Future.succeededFuture(new Step(state, List.of(), Optional.of(HandoffReason.REQUESTED)));
        }
        var handedBack = HandoffTransitions.apply(state, HandoffStatus.BOT, Optional.empty()).state()
                .withoutSlot(QUEUED_ACKNOWLEDGED);
        // A chat reads the debtor's cases only while their sign-in holds; after that it goes on as an anonymous one.
        boolean signInRanOut = signInRanOut(handedBack);
        var stateForTurn = signInRanOut ? handedBack.signedOut().withoutSlot(SIGNED_IN_UNTIL) : handedBack;
        var withLanguage = stateForTurn.withLanguage(LanguageChoice.next(stateForTurn, understanding));
        intents.increment(understanding.intent().label());
        var turn = new TurnContext(withLanguage, inbound.text(), understanding, LocalDate.now(clock.withZone(OSLO)));
        Future<Step> step;
        try {
            step = dialogue.handle(turn);
        } catch (RuntimeException e) {
            step = Future.failedFuture(e);
        }
        return step.recover(failure -> caseApiDown(withLanguage, failure))
                .map(s -> signInRanOut ? first(s, Reply.withLink(texts.get(s.state().language(), "signin.expired"),
                        new Link(texts.get(s.state().language(), "link.sign-in"), Link.SIGN_IN))) : s)
                .map(s -> withRedactionNotice(s, inbound));
    }

    private boolean signInRanOut(ConversationState state) {
        return state.debtorId().isPresent() && state.slot(SIGNED_IN_UNTIL)
                .map(until -> DigitFree.countBack(until) < clock.instant().getEpochSecond()).orElse(false);
    }

    private static Step first(Step step, Reply reply) {
        var replies = new ArrayList<Reply>();
        replies.add(reply);
        replies.addAll(step.replies());
        return new Step(step.state(), replies, step.handoff());
    }

    private Future<Step> caseApiDown(ConversationState state, Throwable failure) {
        if (failure instanceof CaseApiException e && e.kind() == CaseApiException.Kind.UNAVAILABLE) {
            caseApiDown.increment();
            log.warn("Case API unavailable during a turn: {}", e.getMessage());
            return Future.succeededFuture(Step.handOver(state.idle(), HandoffReason.CASE_API_DOWN,
                    Reply.of(texts.get(state.language(), "caseapi.down"))));
        }
        return Future.failedFuture(failure);
    }

    private Step withRedactionNotice(Step step, Inbound inbound) {
        if (!inbound.text().wasRedacted() || step.state().redactionNoticeGiven()) {
            return step;
        }
        var notice = Reply.of(texts.get(step.state().language(), "redaction.notice"));
        var replies = new ArrayList<Reply>();
        replies.add(notice);
        replies.addAll(step.replies());
        return new Step(step.state().withRedactionNoticeGiven(), replies, step.handoff());
    }

    private Future<Turn> finish(Step step, ConversationState before, Message debtorMessage, Inbound inbound,
                                Optional<TurnHold> endable) {
        var replies = new ArrayList<Message>();
        step.replies().forEach(r -> replies.add(bot(r)));
        Future<ConversationState> handedOver = step.handoff().isPresent()
                ? handoffs.request(step.state(), step.handoff().get(), before).map(handover -> {
                    replies.addAll(handover.notices());
                    return handover.state();
                })
                : handoffs.debtorWrote(step.state()).map(step.state());
        return handedOver.compose(finalState -> complete(finalState, debtorMessage, replies, inbound, endable));
    }

    private Future<Turn> complete(ConversationState finalState, Message debtorMessage, List<Message> replies,
                                  Inbound inbound, Optional<TurnHold> endable) {
        var said = new ArrayList<Message>();
        said.add(debtorMessage);
        said.addAll(replies);
        var close = new TurnClose(ConversationEvents.conversation(finalState.id()), messageEvents(said), endable);
        return store.commitTurn(finalState, said, inbound.clientKey(), close).map(closed -> {
            if (!closed) {
                // Not waited for (a round trip less per turn): it is best effort, and it is sent before the turn
                // ends, so it still goes out ahead of the next turn's.
                publishAll(close);
            }
            return new Turn(finalState, debtorMessage, replies, false);
        });
    }

    /** Each message said, as the event that shows it. */
    private static List<JsonObject> messageEvents(List<Message> messages) {
        return messages.stream().map(m -> new JsonObject().put("type", "message").put("message", m.toJson())).toList();
    }

    /** In order, after they are stored; best effort: clients that miss an event resync from the store. */
    private Future<Void> publishAll(TurnClose close) {
        if (close.events().isEmpty()) {
            return Future.succeededFuture();
        }
        return events.publishAll(close.topic(), close.events()).recover(e -> Future.succeededFuture());
    }

    /**
     * Replies carry what the case API returns (creditors, references): redacted like every text that goes out, since
     * the web, the store and agents' views all show them as they are.
     */
    private Message bot(Reply reply) {
        var shown = reply.choices().stream().map(c -> new no.nora.bot.conversation.Choice(Redactor.redact(c.label()).text(),
                Redactor.redact(c.value()).text())).toList();
        return new Message(Ids.messageId(), Author.BOT, Redactor.redact(reply.text()).text(), shown, clock.instant(),
                false, reply.links());
    }

    private Message message(Author from, String text) {
        return Message.of(Ids.messageId(), from, text, List.of(), clock.instant());
    }

    /**
     * The conversation's language: sticky, and changed only on clear evidence from a message. Between bokmål and
     * nynorsk the evidence is a word only one of them uses ("eg", "ikkje" – "jeg", "ikke"): most short messages read
     * the same in both, and a nynorsk writer must not be answered in bokmål because "er dette svindel?" looks like it.
     */
    static final class LanguageChoice {
        private static final java.util.Set<String> NYNORSK_ONLY = java.util.Set.of("eg", "ikkje", "kva", "kor",
                "korleis", "mykje", "noko", "nokon", "frå", "skuldar", "betalinga", "månaden", "korfor", "kvifor",
                "utsetje", "sjå", "òg", "berre", "saka", "heile", "eit", "hjelpa", "mista", "klarar");
        private static final java.util.Set<String> BOKMAL_ONLY = java.util.Set.of("jeg", "ikke", "hva", "hvor",
                "hvordan", "mye", "noe", "noen", "fra", "skylder", "betalingen", "måneden", "hvorfor", "utsatt",
                "hele", "et", "hjelpen", "mistet", "klarer", "dere");

        private LanguageChoice() {
        }

        static Language next(ConversationState state, Understanding understanding) {
            if (understanding.text().codePoints().noneMatch(Character::isLetter)) {
                // "10.04.2025", "500": no words, no evidence of a language.
                return state.language();
            }
            var guess = understanding.languageGuess().orElse(state.language());
            boolean norwegian = guess != Language.EN && state.language() != Language.EN;
            if (!norwegian) {
                return guess;
            }
            var words = no.nora.bot.dialogue.Words.of(understanding.text());
            boolean nynorsk = words.stream().anyMatch(NYNORSK_ONLY::contains);
            boolean bokmal = words.stream().anyMatch(BOKMAL_ONLY::contains);
            if (nynorsk != bokmal) {
                return nynorsk ? Language.NN : Language.NB;
            }
            return state.language();
        }
    }
}
