package no.nora.channels.webchat;

import static no.nora.channels.webchat.WebChatApiTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a website embedding the widget downloads: little, cached, revalidated, in every language. */
class WidgetAssetsTest {
    /** What a visitor downloads before the chat can open: script, style and texts, gzipped as served. */
    static final int BUDGET_BYTES = 8 * 1024;
    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.inMemory(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void theWidgetStaysWithinItsSizeBudget() throws Exception {
        int total = 0;
        for (String path : new String[] {"/widget.js", "/widget.css", "/widget-texts.json"}) {
            var response = await(gateway.client().get(path).send());
            assertThat(response.statusCode()).isEqualTo(200);
            total += gzipped(response.body().getBytes());
        }
        assertThat(total).as("widget.js + widget.css + widget-texts.json, gzipped").isLessThanOrEqualTo(BUDGET_BYTES);
    }

    @Test
    void assetsAreCachedAndAnUnchangedOneIsNotSentAgain() throws Exception {
        for (String path : new String[] {"/widget.js", "/widget.css", "/widget-texts.json"}) {
            var first = await(gateway.client().get(path).send());
            assertThat(first.getHeader("Cache-Control")).isEqualTo("public, max-age=600");
            String etag = first.getHeader("ETag");
            assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");

            var again = await(gateway.client().get(path).putHeader("If-None-Match", etag).send());
            assertThat(again.statusCode()).as(path).isEqualTo(304);
            assertThat(again.body()).isNull();
            var stale = await(gateway.client().get(path).putHeader("If-None-Match", "\"old\"").send());
            assertThat(stale.statusCode()).isEqualTo(200);
        }
        assertThat(await(gateway.client().get("/widget.js").send()).getHeader("Content-Type"))
                .isEqualTo("text/javascript; charset=utf-8");
    }

    @Test
    void everyTextExistsInBokmalNynorskAndEnglish() throws Exception {
        JsonObject texts = await(gateway.client().get("/widget-texts.json").send()).bodyAsJsonObject();
        assertThat(texts.fieldNames()).containsExactlyInAnyOrder("nb", "nn", "en");
        var keys = texts.getJsonObject("nb").fieldNames();
        assertThat(keys).contains("open", "placeholder", "restarted", "retrying");
        for (String language : texts.fieldNames()) {
            assertThat(texts.getJsonObject(language).fieldNames()).as(language).isEqualTo(keys);
            texts.getJsonObject(language).forEach(e -> assertThat((String) e.getValue()).as(e.getKey()).isNotBlank());
        }
        assertThat(texts.getJsonObject("nn").getString("label")).isEqualTo("Skriv ei melding");
        assertThat(texts.getJsonObject("en").getString("placeholder")).isEqualTo("Write here …");
    }

    @Test
    void theSiteHasAFavicon() throws Exception {
        var icon = await(gateway.client().get("/favicon.ico").send());
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.getHeader("Content-Type")).startsWith("image/");
        assertThat(icon.body().getBytes(0, 4)).containsExactly(0, 0, 1, 0);
    }

    private static int gzipped(byte[] bytes) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.size();
    }
}
