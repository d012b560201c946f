package no.nora.channels.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (the copy inside Deque's axe-core Selenium jar) run on what the browser shows, against WCAG 2.1 A/AA and
 * axe's best practices (which include {@code region}: everything inside a landmark).
 */
final class Axe {
    private static final String SOURCE = load();

    private Axe() {
    }

    private static String load() {
        try (InputStream in = Axe.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            assertThat(in).as("axe.min.js on the test class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with each violation's rule and the elements it found, when there is any. */
    static void assertNoViolations(WebDriver browser, String view) {
        var js = (JavascriptExecutor) browser;
        js.executeScript(SOURCE);
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
                  .then(r => done(JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact,
                      nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary) })))))
                  .catch(e => done(JSON.stringify([{ id: 'axe-error', nodes: [String(e)] }])));
                """);
        var violations = new JsonArray(String.valueOf(result));
        assertThat(violations.stream().map(JsonObject.class::cast).map(JsonObject::encodePrettily).toList())
                .as("axe-core violations on the %s view", view).isEmpty();
    }
}
