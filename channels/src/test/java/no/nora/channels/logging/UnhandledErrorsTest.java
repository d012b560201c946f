package no.nora.channels.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class UnhandledErrorsTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(UnhandledErrors.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void capture() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logs);
    }

    @Test
    void aBugOfOursIsAnErrorButVertxKnownPoolRaceIsNot() {
        UnhandledErrors.log(thrownAt("io.vertx.core.http.impl.SharedHttpClientConnectionGroup$Request"));
        UnhandledErrors.log(thrownAt("no.nora.bot.ConversationEngine"));
        UnhandledErrors.log(new NullPointerException("a bug of ours"));

        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.ERROR).hasSize(2)
                .allSatisfy(e -> assertThat(e.getThrowableProxy()).isNotNull());
    }

    private static IllegalStateException thrownAt(String className) {
        var failure = new IllegalStateException("Promise already completed");
        failure.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("io.vertx.core.Promise", "fail", "Promise.java", 104),
                new StackTraceElement(className, "lambda$onConnect$0", "Source.java", 154)});
        return failure;
    }
}
