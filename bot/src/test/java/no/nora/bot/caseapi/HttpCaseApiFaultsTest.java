package no.nora.bot.caseapi;

import static no.nora.bot.caseapi.Await.caseApiFailure;
import static no.nora.bot.caseapi.Await.result;
import static no.nora.bot.caseapi.DemoData.FJORDKRAFT_CASE;
import static no.nora.bot.caseapi.DemoData.KARI;
import static no.nora.bot.caseapi.DemoData.KARI_PHONE;
import static no.nora.bot.caseapi.DemoData.TELENOR_CASE;
import static no.nora.bot.caseapi.DemoData.UNKNOWN_CASE;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import no.nora.bot.caseapi.CaseApiException.Kind;
import no.nora.bot.caseapi.FaultyCaseApiServer.Fault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A slow, failing or unreachable case API: honest UNAVAILABLE answers, bounded retries, a circuit, metrics. */
@ExtendWith(VertxExtension.class)
class HttpCaseApiFaultsTest {

    private static final CallPolicy FAST = CallPolicy.defaults()
            .withTimeout(Duration.ofSeconds(2)) // generous: a shared CI machine may be slow to warm up
            .withRetries(2, Duration.ofMillis(10), Duration.ofMillis(40))
            .withCircuitBreaker(50, Duration.ofMillis(200));

    private Vertx vertx;
    private DemoCaseApi demo;
    private FaultyCaseApiServer server;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void start(Vertx vertx) {
        this.vertx = vertx;
        demo = result(DemoCaseApi.start(vertx, 0, Optional.empty()));
        server = result(FaultyCaseApiServer.start(vertx, demo.baseUrl()));
        registry = new SimpleMeterRegistry();
    }

    private HttpCaseApi api(CallPolicy policy) {
        return HttpCaseApi.create(vertx, server.baseUrl(), policy, Optional.empty(), registry);
    }

    @Test
    void a_500_is_unavailable_after_the_bounded_retries() {
        server.fail(Fault.SERVER_ERROR);

        CaseApiException e = caseApiFailure(api(FAST).casesForDebtor(KARI));

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.reason()).isEqualTo("server_error");
        assertThat(server.requests()).isEqualTo(3);
        assertThat(failures("server_error")).isEqualTo(1.0);
        assertThat(registry.get("nora.case.api.retries").counter().count()).isEqualTo(2.0);
        assertThat(registry.get("nora.case.api.calls").tags("operation", "casesForDebtor", "outcome", "unavailable")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void a_passing_failure_is_bridged_by_a_retry() {
        server.failNext(2, Fault.SERVER_ERROR);

        assertThat(result(api(FAST).debtCase(TELENOR_CASE)).id()).isEqualTo(TELENOR_CASE);
        assertThat(server.requests()).isEqualTo(3);
        assertThat(registry.find("nora.case.api.failures").counters()).hasSize(6)
                .allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @Test
    void a_write_whose_answer_was_lost_is_retried_and_recorded_once() {
        server.failNext(1, Fault.LOST_ANSWER);

        Receipt receipt = result(api(FAST).orderInvoiceCopy(FJORDKRAFT_CASE, "conv-7:turn-2"));

        assertThat(server.requests()).isEqualTo(2);
        assertThat(demo.requests()).singleElement().satisfies(r -> assertThat(r.receipt()).isEqualTo(receipt));
    }

    @Test
    void a_slow_case_api_times_out_without_retrying() {
        server.slowBy(Duration.ofSeconds(5)).fail(Fault.SLOW);

        CaseApiException e = caseApiFailure(api(FAST.withTimeout(Duration.ofMillis(150))).casesForPhone(KARI_PHONE));

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.reason()).isEqualTo("timeout");
        assertThat(e).as("nothing that could carry the phone number into a log").hasNoCause()
                .message().doesNotContain("40000001");
        assertThat(server.requests()).isEqualTo(1);
        assertThat(failures("timeout")).isEqualTo(1.0);
    }

    @Test
    void malformed_json_and_missing_fields_are_unavailable_not_invented() {
        HttpCaseApi api = api(FAST);

        server.fail(Fault.MALFORMED_JSON);
        CaseApiException malformed = caseApiFailure(api.casesForDebtor(KARI));
        server.fail(Fault.MISSING_FIELDS);
        CaseApiException missing = caseApiFailure(api.debtCase(TELENOR_CASE));

        assertThat(malformed.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(malformed.reason()).isEqualTo("malformed");
        assertThat(missing.reason()).isEqualTo("malformed");
        assertThat(missing.getMessage()).contains("missing or invalid field");
        assertThat(server.requests()).as("a malformed answer is not retried").isEqualTo(2);
        assertThat(failures("malformed")).isEqualTo(2.0);
    }

    @Test
    void a_stopped_case_api_is_unavailable() {
        result(server.stop());

        CaseApiException e = caseApiFailure(api(FAST).ping());

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.reason()).isEqualTo("unavailable");
        assertThat(failures("unavailable")).isEqualTo(1.0);
        assertThat(registry.get("nora.case.api.retries").counter().count()).isEqualTo(2.0);
    }

    @Test
    void nothing_listening_at_all_is_unavailable(Vertx vertx) {
        HttpCaseApi api = HttpCaseApi.create(vertx, URI.create("http://127.0.0.1:1"), FAST, Optional.empty(), registry);

        assertThat(caseApiFailure(api.debtCase(TELENOR_CASE)).reason()).isEqualTo("unavailable");
    }

    @Test
    void the_circuit_opens_fails_fast_and_closes_when_the_case_api_recovers() {
        HttpCaseApi api = api(FAST.withRetries(0, Duration.ZERO, Duration.ZERO)
                .withCircuitBreaker(3, Duration.ofMillis(200)));
        server.fail(Fault.SERVER_ERROR);
        for (int i = 0; i < 3; i++) {
            assertThat(caseApiFailure(api.debtCase(TELENOR_CASE)).reason()).isEqualTo("server_error");
        }
        assertThat(api.circuitState()).isEqualTo(CircuitBreakerState.OPEN);

        CaseApiException fast = caseApiFailure(api.debtCase(TELENOR_CASE));
        assertThat(fast.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(fast.reason()).isEqualTo("circuit_open");
        assertThat(server.requests()).as("an open circuit sends nothing").isEqualTo(3);
        assertThat(failures("circuit_open")).isEqualTo(1.0);

        server.heal();
        result(until(() -> api.circuitState() == CircuitBreakerState.HALF_OPEN));
        assertThat(result(api.debtCase(TELENOR_CASE)).id()).isEqualTo(TELENOR_CASE);
        assertThat(api.circuitState()).isEqualTo(CircuitBreakerState.CLOSED);
        assertThat(server.requests()).isEqualTo(4);
    }

    @Test
    void retries_stop_as_soon_as_the_circuit_opens() {
        HttpCaseApi api = api(FAST.withCircuitBreaker(2, Duration.ofSeconds(30)));
        server.fail(Fault.SERVER_ERROR);

        assertThat(caseApiFailure(api.debtCase(TELENOR_CASE)).reason()).isEqualTo("circuit_open");
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void not_found_and_rejected_are_answers_and_never_open_the_circuit() {
        HttpCaseApi api = api(FAST.withCircuitBreaker(2, Duration.ofSeconds(30)));

        for (int i = 0; i < 4; i++) {
            assertThat(caseApiFailure(api.debtCase(UNKNOWN_CASE)).kind()).isEqualTo(Kind.NOT_FOUND);
            assertThat(caseApiFailure(api.requestDeferral(TELENOR_CASE,
                    new DeferralRequest(LocalDate.now().minusDays(1)), "k" + i)).kind())
                    .isEqualTo(Kind.REJECTED);
        }

        assertThat(api.circuitState()).isEqualTo(CircuitBreakerState.CLOSED);
        assertThat(server.requests()).as("no retries for answers").isEqualTo(8);
        assertThat(registry.find("nora.case.api.failures").counters()).hasSize(6)
                .allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @Test
    void a_configured_token_is_sent_as_bearer_and_none_otherwise(Vertx vertx) {
        result(HttpCaseApi.create(vertx, server.baseUrl(), FAST, Optional.of("s3cret"), registry).ping());
        assertThat(server.lastAuthorization()).contains("Bearer s3cret");

        result(api(FAST).ping());
        assertThat(server.lastAuthorization()).isEmpty();
    }

    private double failures(String reason) {
        return registry.get("nora.case.api.failures").tag("reason", reason).counter().count();
    }

    /** Completes when the condition holds, checking on a short periodic timer (the breaker changes state on its own). */
    private Future<Void> until(BooleanSupplier condition) {
        Promise<Void> done = Promise.promise();
        vertx.setPeriodic(10, id -> {
            if (condition.getAsBoolean()) {
                vertx.cancelTimer(id);
                done.tryComplete();
            }
        });
        return done.future();
    }
}
