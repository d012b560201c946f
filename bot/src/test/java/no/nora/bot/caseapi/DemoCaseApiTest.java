package no.nora.bot.caseapi;

import static no.nora.bot.caseapi.Await.result;
import static no.nora.bot.caseapi.DemoData.CLOCK;
import static no.nora.bot.caseapi.DemoData.FJORDKRAFT_CASE;
import static no.nora.bot.caseapi.DemoData.KARI;
import static no.nora.bot.caseapi.DemoData.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import no.nora.redact.Redactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The demo case API as a server: its fixtures, its own data rules and its error answers. */
@ExtendWith(VertxExtension.class)
class DemoCaseApiTest {

    @Test
    void nothing_a_debtor_may_be_shown_holds_a_run_of_seven_digits(Vertx vertx) {
        DemoCaseApi demo = result(DemoCaseApi.start(vertx, 0, Optional.empty(), CLOCK));
        HttpCaseApi api = HttpCaseApi.create(vertx, demo.baseUrl(), Duration.ofSeconds(2), Optional.empty(),
                new SimpleMeterRegistry());

        List<DebtCase> cases = demo.debtorNames().keySet().stream()
                .flatMap(d -> result(api.casesForDebtor(d)).stream()).toList();

        assertThat(cases).hasSize(10).allSatisfy(c -> {
            assertThat(Stream.of(c.id(), c.debtorId(), c.creditor(), c.reference(), amount(c.originalAmount()),
                    amount(c.fees()), amount(c.balance()), amount(c.rules().minimumMonthlyInstalment())))
                    .allSatisfy(shown -> assertThat(Redactor.redact(shown).wasRedacted()).as(shown).isFalse());
            // Below 10 000 kroner even "7 784,00" stays a run of six digits.
            assertThat(c.originalAmount().add(c.fees())).isLessThan(new BigDecimal("10000"));
            result(api.payments(c.id())).forEach(p ->
                    assertThat(Redactor.redact(amount(p.amount())).wasRedacted()).isFalse());
        });
        assertThat(demo.debtorNames()).containsEntry(KARI, "Kari Nordmann").hasSize(6);
    }

    @Test
    void another_fixtures_file_replaces_the_built_in_data(Vertx vertx, @TempDir Path dir) throws Exception {
        Path fixtures = dir.resolve("cases.json");
        Files.writeString(fixtures, """
                {
                  "debtors": [ { "id": "d-1", "name": "Test Testesen", "phone": "+4740000011" } ],
                  "cases": [ {
                    "id": "c-1", "debtorId": "d-1", "creditor": "Bakeriet AS", "reference": "BAK-1",
                    "originalAmount": "100.00", "fees": "35.00", "balance": "200.00", "currency": "NOK",
                    "dueDate": "2025-04-01", "status": "OPEN",
                    "rules": { "instalmentsAllowed": false, "minimumMonthlyInstalment": "0.00", "maximumMonths": 0,
                               "latestDeferralDate": "2025-04-15" },
                    "payments": [ { "id": "p-1", "amount": "10.00", "registeredOn": "2025-03-01" } ]
                  } ],
                  "reminders": [ { "phone": "+4740000011", "caseId": "c-1", "sentAt": "2025-03-10T08:00:00Z" } ]
                }
                """);
        DemoCaseApi demo = result(DemoCaseApi.start(vertx, 0, Optional.of(fixtures), CLOCK));
        HttpCaseApi api = HttpCaseApi.create(vertx, demo.baseUrl(), Duration.ofSeconds(2), Optional.empty(),
                new SimpleMeterRegistry());

        DebtCase only = result(api.casesForPhone("+4740000011")).get(0);

        assertThat(only.balance()).as("an explicit balance wins").isEqualByComparingTo("200.00");
        assertThat(only.dueDate()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(only.rules().latestDeferralDate()).isEqualTo(LocalDate.of(2025, 4, 15));
        assertThat(result(api.reminderSentTo("+4740000011")).lastSentAt()).hasValueSatisfying(
                at -> assertThat(at.toString()).isEqualTo("2025-03-10T08:00:00Z"));
        assertThat(Await.caseApiFailure(api.casesForDebtor(KARI)).kind()).isEqualTo(CaseApiException.Kind.NOT_FOUND);
    }

    @Test
    void relative_dates_follow_the_day_the_demo_starts(Vertx vertx) {
        DemoCaseApi demo = result(DemoCaseApi.start(vertx, 0, Optional.empty(), CLOCK));
        HttpCaseApi api = HttpCaseApi.create(vertx, demo.baseUrl(), Duration.ofSeconds(2), Optional.empty(),
                new SimpleMeterRegistry());

        DebtCase fjordkraft = result(api.debtCase(FJORDKRAFT_CASE));

        assertThat(fjordkraft.dueDate()).isEqualTo(TODAY.plusDays(5));
        assertThat(fjordkraft.rules().latestDeferralDate()).isEqualTo(TODAY.plusDays(35));
    }

    @Test
    void invalid_fixtures_stop_the_start_saying_what_is_wrong_and_where(Vertx vertx, @TempDir Path dir)
            throws Exception {
        Path fixtures = dir.resolve("broken.json");
        Files.writeString(fixtures, """
                { "debtors": [], "reminders": [],
                  "cases": [ { "id": "c-7", "debtorId": "d-404", "creditor": "X", "reference": "X-1",
                    "originalAmount": "1.00", "fees": "0.00", "dueInDays": 1, "status": "OPEN", "payments": [],
                    "rules": { "instalmentsAllowed": false, "minimumMonthlyInstalment": "0.00", "maximumMonths": 0,
                               "deferralDaysAfterDue": 0 } } ] }
                """);

        assertThat(startFailure(DemoCaseApi.start(vertx, 0, Optional.of(fixtures))))
                .hasMessageContaining(fixtures.toString()).hasMessageContaining("case c-7: unknown debtorId");
        assertThat(startFailure(DemoCaseApi.start(vertx, 0, Optional.of(dir.resolve("missing.json")))))
                .hasMessageContaining("Cannot read case API fixtures");
    }

    @Test
    void writes_without_an_idempotency_key_and_unknown_addresses_get_json_errors(Vertx vertx) {
        DemoCaseApi demo = result(DemoCaseApi.start(vertx, 0, Optional.empty()));
        WebClient web = WebClient.create(vertx);

        HttpResponse<?> noKey = result(web.postAbs(demo.baseUrl() + "/cases/" + FJORDKRAFT_CASE + "/invoice-copies")
                .sendJsonObject(new JsonObject()));
        HttpResponse<?> nowhere = result(web.getAbs(demo.baseUrl() + "/nowhere").send());
        HttpResponse<?> badPhone = result(web.getAbs(demo.baseUrl() + "/reminders?phone=12345").send());
        HttpResponse<?> health = result(web.getAbs(demo.baseUrl() + "/health").send());

        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(noKey.bodyAsJsonObject().getString("error")).isEqualTo("idempotency_key_missing");
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(nowhere.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
        assertThat(badPhone.statusCode()).isEqualTo(400);
        assertThat(badPhone.bodyAsJsonObject().getString("error")).isEqualTo("invalid_phone");
        assertThat(health.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP"));
        assertThat(demo.requests()).isEmpty();
    }

    @Test
    void a_demo_left_running_remembers_only_its_newest_writes(Vertx vertx) {
        DemoCaseApi demo = result(DemoCaseApi.start(vertx, 0, Optional.empty()));
        WebClient web = WebClient.create(vertx);
        int writes = DemoCaseApi.REMEMBERED_WRITES + 5;
        var sent = new java.util.ArrayList<Future<HttpResponse<io.vertx.core.buffer.Buffer>>>();
        for (int i = 0; i < writes; i++) {
            sent.add(web.postAbs(demo.baseUrl() + "/cases/" + FJORDKRAFT_CASE + "/invoice-copies")
                    .putHeader("Idempotency-Key", "write-" + i).sendJsonObject(new JsonObject()));
            if (sent.size() == 200) {
                sent.forEach(f -> assertThat(result(f).statusCode()).isEqualTo(201));
                sent.clear();
            }
        }
        sent.forEach(f -> assertThat(result(f).statusCode()).isEqualTo(201));

        // Sent 200 at a time, so the five forgotten ones are from the first 200, in whatever order they arrived.
        var remembered = demo.requests().stream().map(DemoCaseApi.ReceivedRequest::idempotencyKey)
                .collect(java.util.stream.Collectors.toSet());
        var forgotten = java.util.stream.IntStream.range(0, writes).mapToObj(i -> "write-" + i)
                .filter(key -> !remembered.contains(key)).toList();
        assertThat(remembered).hasSize(DemoCaseApi.REMEMBERED_WRITES).contains("write-" + (writes - 1));
        assertThat(forgotten).hasSize(5).allSatisfy(key ->
                assertThat(Integer.parseInt(key.substring("write-".length()))).isLessThan(200));
    }

    @Test
    void the_demo_serves_every_path_of_the_contract(Vertx vertx) throws Exception {
        DemoCaseApi demo = result(DemoCaseApi.start(vertx, 0, Optional.empty()));
        WebClient web = WebClient.create(vertx);
        String contract;
        try (var in = getClass().getClassLoader().getResourceAsStream("caseapi/case-api.openapi.yaml")) {
            contract = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher operation = Pattern.compile("(?m)^  (/\\S*):\\n    (get|post):").matcher(contract);
        int operations = 0;
        while (operation.find()) {
            operations++;
            String path = operation.group(1).replace("{debtorId}", KARI).replace("{caseId}", FJORDKRAFT_CASE);
            var request = web.requestAbs(HttpMethod.valueOf(operation.group(2).toUpperCase(Locale.ROOT)),
                    demo.baseUrl() + path).putHeader("Idempotency-Key", "contract-" + operations);
            HttpResponse<?> response = result(request.send());

            assertThat(response.statusCode()).as(operation.group(0)).isNotIn(404, 405);
            assertThat(response.getHeader("Content-Type")).as(path).startsWith("application/json");
        }
        assertThat(operations).isEqualTo(11);
    }

    private static String amount(BigDecimal amount) {
        return CaseApiJson.amount(amount);
    }

    private static Throwable startFailure(Future<?> start) {
        try {
            start.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected the start to fail");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
