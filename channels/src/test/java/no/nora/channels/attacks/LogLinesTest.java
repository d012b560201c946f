package no.nora.channels.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nora.channels.http.ErrorResponses;
import no.nora.channels.logging.RedactingJsonEncoder;
import no.nora.channels.logging.UnhandledErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What reaches the log when something fails: the failure's type and where it happened, never its message – parsers,
 * decoders and libraries put the input they choked on there, and that input is whatever a client sent.
 */
class LogLinesTest {
    private static final String PAYLOAD = "name=Kari Nordmann&password=hemmelig-passord";

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void capture() {
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void release() {
        root.detachAppender(logs);
    }

    @Test
    void aFailureQuotingItsInputIsWrittenAsItsTypeAndPlace() {
        var failure = new IllegalStateException("could not parse " + PAYLOAD,
                new IllegalArgumentException("Invalid hex byte in string: '" + PAYLOAD + "'"));

        UnhandledErrors.log(failure);

        String line = encoded();
        assertThat(line).contains("java.lang.IllegalStateException", "Caused by: java.lang.IllegalArgumentException",
                "at no.nora.channels.attacks.LogLinesTest.aFailureQuotingItsInputIsWrittenAsItsTypeAndPlace");
        assertThat(line).doesNotContain("Nordmann").doesNotContain("hemmelig");
    }

    /** A bug of ours on a request: the client gets the generic 500 body, the log the route and the failure's type. */
    @Test
    void anUnhandledFailureOnARequestLogsNeitherBodyNorMessage() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            ErrorResponses.install(router);
            router.post("/boom").handler(ctx -> {
                throw new IllegalStateException("handler saw " + PAYLOAD);
            });
            int port = vertx.createHttpServer().requestHandler(router).listen(0)
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();

            var answer = RawHttp.send(port, "POST", "/boom", Map.of("Content-Type", "text/plain"),
                    PAYLOAD.getBytes(StandardCharsets.UTF_8));

            assertThat(answer.status()).isEqualTo(500);
            assertThat(new JsonObject(answer.text()).getString("error")).isEqualTo("internal_error");
            assertThat(answer.text()).doesNotContain("IllegalStateException").doesNotContain("hemmelig");
            String line = encoded();
            assertThat(line).contains("Unhandled failure on POST /boom", "java.lang.IllegalStateException");
            assertThat(line).doesNotContain("Nordmann").doesNotContain("hemmelig");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Every captured event as the production encoder writes it, one line each. */
    private String encoded() {
        var encoder = new RedactingJsonEncoder();
        var lines = new StringBuilder();
        for (ILoggingEvent event : List.copyOf(logs.list)) {
            lines.append(new String(encoder.encode(event), StandardCharsets.UTF_8));
        }
        return lines.toString();
    }
}
