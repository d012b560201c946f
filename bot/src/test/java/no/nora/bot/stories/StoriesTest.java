package no.nora.bot.stories;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.nora.bot.Bot;
import no.nora.bot.Inbound;
import no.nora.bot.NewConversation;
import no.nora.bot.Turn;
import no.nora.bot.caseapi.DemoCaseApi;
import no.nora.bot.caseapi.DemoData;
import no.nora.bot.caseapi.HttpCaseApi;
import no.nora.bot.conversation.Channel;
import no.nora.bot.conversation.Choice;
import no.nora.bot.conversation.Link;
import no.nora.bot.conversation.Message;
import no.nora.bot.learning.ReviewStore;
import no.nora.bot.testing.TestRedis;
import no.nora.bot.testing.Until;
import no.nora.intents.IntentClassifier;
import no.nora.redact.Redactor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Plays every story in {@code src/test/resources/stories} against the real engine and the demo case API over HTTP
 * (with the built-in fixtures and a fixed day, {@link DemoData#TODAY}), once on a real Redis and once in memory.
 */
class StoriesTest {
    private static final IntentClassifier CLASSIFIER = IntentClassifier.load();
    static final Path FOLDER = folder();

    @Test
    void thereAreEnoughStoriesAndEachIsReadable() throws IOException {
        var stories = stories();
        assertThat(stories).hasSizeGreaterThanOrEqualTo(80);
        assertThat(stories).extracting(Story::title).doesNotHaveDuplicates();
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnRedis extends Player {
        OnRedis() {
            super(Optional.of(TestRedis.shared().url()));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class InMemory extends Player {
        InMemory() {
            super(Optional.empty());
        }
    }

    abstract static class Player {
        private final Optional<URI> redis;
        private Vertx vertx;
        private DemoCaseApi demo;
        private Bot bot;

        Player(Optional<URI> redis) {
            this.redis = redis;
        }

        @BeforeAll
        void start() throws Exception {
            vertx = Vertx.vertx();
            demo = await(DemoCaseApi.start(vertx, 0, Optional.empty(), DemoData.CLOCK));
            var metrics = new SimpleMeterRegistry();
            var caseApi = HttpCaseApi.create(vertx, demo.baseUrl(), Duration.ofSeconds(5), Optional.empty(), metrics);
            bot = await(Bot.start(vertx, new Bot.Settings(redis.flatMap(url -> Bot.Settings.redis(url).redis()),
                    Duration.ofDays(30), DemoData.CLOCK), CLASSIFIER,
                    caseApi, metrics));
        }

        @AfterAll
        void stop() throws Exception {
            await(bot.stop());
            await(vertx.close());
        }

        @TestFactory
        Stream<DynamicTest> stories() throws IOException {
            return StoriesTest.stories().stream()
                    .map(story -> DynamicTest.dynamicTest(story.file() + ": " + story.title(), () -> play(story)));
        }

        private void play(Story story) throws Exception {
            var engine = bot.engine();
            var conversation = story.channel().equals("sms")
                    ? new NewConversation(Channel.SMS, story.language(), Optional.empty(), story.phone(), story.reminder(),
                            Optional.empty(), Optional.empty())
                    : NewConversation.web(story.language(), story.debtor());
            String id = await(engine.start(conversation)).state().id();
            int n = 0;
            for (var turn : story.turns()) {
                n++;
                String where = story.file() + " turn " + n + " \"" + turn.say() + "\"";
                int writesBefore = demo.requests().size();
                Turn answered = await(engine.receive(id, new Inbound(Optional.empty(), Redactor.redact(turn.say()))));
                check(where, turn, answered, demo.requests().subList(writesBefore, demo.requests().size()));
                checkReview(where, id, turn, answered.debtorMessage().text());
            }
        }

        /** The review inbox is written just after the turn: awaited for what must be there, read once for 'none'. */
        private void checkReview(String where, String id, Story.Turn turn, String text) {
            if (turn.review().isEmpty()) {
                return;
            }
            String expected = turn.review().get();
            java.util.function.Supplier<List<String>> reasons = () -> {
                try {
                    return await(bot.learning().review(ReviewStore.OPEN_CAP)).stream()
                            .flatMap(g -> g.items().stream())
                            .filter(i -> i.conversationId().equals(id) && i.text().equals(text))
                            .map(i -> i.reason().code()).toList();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            if (expected.equals("none")) {
                assertThat(reasons.get()).as("%s: not in the review inbox", where).isEmpty();
            } else {
                Until.holds(where + ": in the review inbox as " + expected, Duration.ofSeconds(5),
                        () -> reasons.get().contains(expected));
            }
        }

        private static void check(String where, Story.Turn turn, Turn answered, List<DemoCaseApi.ReceivedRequest> writes) {
            var replies = answered.replies().stream().filter(m -> !m.internal()).toList();
            String said = readable(replies.stream().map(Message::text).collect(Collectors.joining("\n")));
            if (turn.silent()) {
                assertThat(replies).as("%s: the bot should keep quiet", where).isEmpty();
            } else {
                assertThat(replies).as("%s: the bot should answer", where).isNotEmpty();
            }
            for (String must : turn.has()) {
                assertThat(said).as("%s: the reply should contain \"%s\"", where, must).contains(readable(must));
            }
            for (String mustNot : turn.lacks()) {
                assertThat(said).as("%s: the reply should not contain \"%s\"", where, mustNot)
                        .doesNotContain(readable(mustNot));
            }
            var last = replies.isEmpty() ? Optional.<Message>empty() : Optional.of(replies.get(replies.size() - 1));
            turn.choices().ifPresent(expected -> assertThat(last.map(Message::choices).orElse(List.of()))
                    .as("%s: the choices", where).extracting(Choice::label).containsExactlyElementsOf(expected));
            turn.links().ifPresent(expected -> assertThat(replies.stream().flatMap(m -> m.links().stream()))
                    .as("%s: the links", where).extracting(Link::url).containsExactlyElementsOf(expected));
            turn.handoff().ifPresent(expected -> assertThat(answered.state().handoff().code())
                    .as("%s: where the conversation stands", where).isEqualTo(expected));
            assertThat(writes).as("%s: the case API's writes", where).hasSameSizeAs(turn.writes());
            for (int i = 0; i < writes.size(); i++) {
                var expected = turn.writes().get(i);
                var actual = writes.get(i);
                String which = where + ": write " + (i + 1);
                assertThat(actual.type()).as("%s's type", which).isEqualTo(expected.type());
                assertThat(actual.caseId()).as("%s's case", which).isEqualTo(expected.caseId());
                expected.body().forEach((field, value) -> assertThat(String.valueOf(actual.body().getValue(field)))
                        .as("%s's %s", which, field).isEqualTo(String.valueOf(value)));
            }
        }
    }

    /** Amounts are written with a no-break space ("1 125 kr"); stories use a plain one. */
    private static String readable(String text) {
        return text.replace('\u00A0', ' ');
    }

    static List<Story> stories() throws IOException {
        try (var files = Files.list(FOLDER)) {
            var paths = files.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".yaml")).sorted().toList();
            var stories = new java.util.ArrayList<Story>();
            for (var path : paths) {
                stories.add(Story.read(path));
            }
            return stories;
        }
    }

    private static Path folder() {
        try {
            return Path.of(StoriesTest.class.getResource("/stories").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
