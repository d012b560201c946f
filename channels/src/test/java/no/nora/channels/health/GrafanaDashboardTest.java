package no.nora.channels.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import no.nora.bot.Inbound;
import no.nora.bot.NewConversation;
import no.nora.channels.testing.RunningGateway;
import no.nora.intents.Language;
import no.nora.redact.Redactor;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard in {@code deploy/grafana} is built on metrics the gateway really exposes: every series its
 * queries name is in {@code /metrics} of a gateway that has talked with a debtor, so no panel stays empty because a
 * name drifted.
 */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "nora-learning.json");
    private static final Pattern METRIC = Pattern.compile("\\bnora_[a-z_]+");

    @Test
    void everyMetricTheDashboardQueriesIsExposed() throws Exception {
        var dashboard = new JsonObject(Files.readString(DASHBOARD));
        var used = new TreeSet<String>();
        var ids = new HashSet<Integer>();
        for (Object p : dashboard.getJsonArray("panels")) {
            var panel = (JsonObject) p;
            assertThat(ids.add(panel.getInteger("id"))).as("panel ids are unique").isTrue();
            var grid = panel.getJsonObject("gridPos");
            assertThat(grid.getInteger("x") + grid.getInteger("w")).as(panel.getString("title")).isLessThanOrEqualTo(24);
            var targets = panel.getJsonArray("targets");
            if (targets != null) {
                targets.forEach(t -> METRIC.matcher(((JsonObject) t).getString("expr")).results()
                        .forEach(m -> used.add(m.group())));
            }
        }
        assertThat(used).contains("nora_handoffs_total", "nora_conversations_started_total", "nora_intents_total",
                "nora_fallbacks_total", "nora_review_captured_total");

        try (var gateway = RunningGateway.inMemory(Map.of())) {
            var bot = gateway.gateway().bot();
            var id = bot.engine().start(NewConversation.web(Language.NB, Optional.empty()))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).state().id();
            for (String text : List.of("kan jeg få kopi av fakturaen?", "blå elefanter danser", "månen er av ost")) {
                bot.engine().receive(id, new Inbound(Optional.empty(), Redactor.redact(text)))
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            var scrape = gateway.client().get("/metrics").send().toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).bodyAsString();
            var exposed = new HashSet<String>();
            scrape.lines().filter(l -> !l.startsWith("#")).forEach(l -> exposed.add(l.split("[{ ]", 2)[0]));
            assertThat(exposed).as("exposed by /metrics").containsAll(used);
        }
    }
}
