package no.nora.bot.caseapi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The case API over HTTP ({@code case-api.openapi.yaml}), for the company's case system and the built-in demo alike.
 *
 * <p>Each call: up to {@link CallPolicy#retries()} retries with exponential backoff after a connection failure or a
 * 5xx – for writes too, since every write carries an {@code Idempotency-Key} the case API deduplicates on, so a retry
 * never orders twice – but not after a timeout. Every attempt goes through one circuit breaker: when the case API
 * keeps failing the circuit opens and calls fail at once, without a request, until a trial call succeeds.
 *
 * <p>Answers: 404 → {@link CaseApiException.Kind#NOT_FOUND}; 409/422 → {@link CaseApiException.Kind#REJECTED} with
 * the API's code and message; 5xx, timeout, refused connection, malformed JSON, missing fields, any other status or
 * an open circuit → {@link CaseApiException.Kind#UNAVAILABLE}. Metrics on the given registry: counter
 * {@code nora.case.api.failures} (tag {@code reason}, once per call that ends UNAVAILABLE), counter
 * {@code nora.case.api.retries}, timer {@code nora.case.api.calls} (tags {@code operation}, {@code outcome}: ok,
 * not_found, rejected, unavailable) of what the caller waited, retries included.
 *
 * <p>Logs carry operation names, case and debtor ids and reasons – never phone numbers, amounts or texts.
 */
public final class HttpCaseApi implements CaseApi {
    private static final Logger log = LoggerFactory.getLogger(HttpCaseApi.class);

    private static final List<String> FAILURE_REASONS = List.of("timeout", "unavailable", "server_error", "malformed",
            "unexpected_status", "circuit_open");

    /**
     * Kept-alive connections to the case API per instance. Vert.x's default of 5 queues calls behind each other at a
     * few hundred messages a second; every turn waits for its calls, so the pool must cover the turns in flight.
     */
    static final int MAX_CONNECTIONS = 64;

    private final Vertx vertx;
    private final WebClient client;
    private final String baseUrl;
    private final Optional<String> token;
    private final CallPolicy policy;
    private final CircuitBreaker breaker;
    private final MeterRegistry registry;
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    /** Per operation and outcome, looked up once: building a meter id per call cost more than timing it. */
    private final Map<String, Timer> calls = new ConcurrentHashMap<>();
    private final Counter retries;

    private HttpCaseApi(Vertx vertx, URI baseUrl, CallPolicy policy, Optional<String> token, MeterRegistry registry) {
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("The case API URL must be http or https");
        }
        this.vertx = vertx;
        this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
        this.token = token.filter(t -> !t.isBlank());
        this.policy = policy;
        this.registry = registry;
        this.client = WebClient.create(vertx, new WebClientOptions()
                        .setUserAgent("nora-bot")
                        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, policy.timeout().toMillis())),
                new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS));
        this.breaker = CircuitBreaker.create("case-api", vertx, new CircuitBreakerOptions()
                        .setMaxFailures(policy.failuresToOpen())
                        .setResetTimeout(policy.resetTimeout().toMillis())
                        .setTimeout(-1) // the request timeout below bounds every attempt
                        .setMaxRetries(0) // retries are ours, so an open circuit stops them
                        .setNotificationAddress(null))
                .<Object>failurePolicy(attempt -> attempt.failed() && unavailable(attempt.cause()))
                .openHandler(v -> log.warn("Case API circuit opened: calls fail fast for {}", policy.resetTimeout()))
                .halfOpenHandler(v -> log.info("Case API circuit half-open: letting one trial call through"))
                .closeHandler(v -> log.info("Case API circuit closed: the case API answers again"));
        this.retries = Counter.builder("nora.case.api.retries").description("Case API attempts repeated after a failure")
                .register(registry);
        // Registered at zero, so dashboards and alerts see every reason before the first failure.
        FAILURE_REASONS.forEach(this::failureCounter);
    }

    private Counter failureCounter(String reason) {
        return failures.computeIfAbsent(reason, r -> Counter.builder("nora.case.api.failures")
                .description("Case API calls that gave no usable answer").tag("reason", r).register(registry));
    }

    /** With the default {@link CallPolicy} and {@code timeout} per attempt. */
    public static HttpCaseApi create(Vertx vertx, URI baseUrl, Duration timeout, Optional<String> token,
                                     MeterRegistry registry) {
        return create(vertx, baseUrl, CallPolicy.defaults().withTimeout(timeout), token, registry);
    }

    /**
     * @param token when present, sent as {@code Authorization: Bearer <token>} on every request
     */
    public static HttpCaseApi create(Vertx vertx, URI baseUrl, CallPolicy policy, Optional<String> token,
                                     MeterRegistry registry) {
        return new HttpCaseApi(vertx, baseUrl, policy, token, registry);
    }

    /** CLOSED while the case API answers; OPEN while calls fail fast; HALF_OPEN while one trial call is let through. */
    public CircuitBreakerState circuitState() {
        return breaker.state();
    }

    /** Releases the connection pool and the breaker's timers. */
    public void close() {
        breaker.close();
        client.close();
    }

    @Override
    public Future<List<DebtCase>> casesForDebtor(String debtorId) {
        return call("casesForDebtor", get("/debtors/" + segment(debtorId) + "/cases"), CaseApiJson::cases);
    }

    @Override
    public Future<List<DebtCase>> casesForPhone(String phone) {
        return call("casesForPhone", () -> request(HttpMethod.GET, "/cases").addQueryParam("phone", phone).send(),
                CaseApiJson::cases);
    }

    @Override
    public Future<DebtCase> debtCase(String caseId) {
        return call("debtCase", get("/cases/" + segment(caseId)), CaseApiJson::debtCase);
    }

    @Override
    public Future<List<Payment>> payments(String caseId) {
        return call("payments", get("/cases/" + segment(caseId) + "/payments"), CaseApiJson::payments);
    }

    @Override
    public Future<Receipt> orderInvoiceCopy(String caseId, String idempotencyKey) {
        return call("orderInvoiceCopy", post("/cases/" + segment(caseId) + "/invoice-copies", new JsonObject(),
                idempotencyKey), CaseApiJson::receipt);
    }

    @Override
    public Future<Receipt> requestInstalmentPlan(String caseId, InstalmentPlanRequest request, String idempotencyKey) {
        return call("requestInstalmentPlan", post("/cases/" + segment(caseId) + "/instalment-plan-requests",
                CaseApiJson.instalmentPlan(request), idempotencyKey), CaseApiJson::receipt);
    }

    @Override
    public Future<Receipt> requestDeferral(String caseId, DeferralRequest request, String idempotencyKey) {
        return call("requestDeferral", post("/cases/" + segment(caseId) + "/deferral-requests",
                CaseApiJson.deferral(request), idempotencyKey), CaseApiJson::receipt);
    }

    @Override
    public Future<Receipt> registerComplaint(String caseId, ComplaintRequest request, String idempotencyKey) {
        return call("registerComplaint", post("/cases/" + segment(caseId) + "/complaints",
                CaseApiJson.complaint(request), idempotencyKey), CaseApiJson::receipt);
    }

    @Override
    public Future<ReminderCheck> reminderSentTo(String phone) {
        return call("reminderSentTo", () -> request(HttpMethod.GET, "/reminders").addQueryParam("phone", phone).send(),
                CaseApiJson::reminderCheck);
    }

    @Override
    public Future<Void> ping() {
        return call("ping", get("/health"), json -> null);
    }

    // --- one call: attempts, retries, breaker, answer mapping, metrics ---

    private interface Send {
        Future<HttpResponse<Buffer>> send();
    }

    private Send get(String path) {
        return () -> request(HttpMethod.GET, path).send();
    }

    private Send post(String path, JsonObject body, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("Every case API write needs an idempotency key");
        }
        return () -> request(HttpMethod.POST, path).putHeader("Idempotency-Key", idempotencyKey).sendJsonObject(body);
    }

    private HttpRequest<Buffer> request(HttpMethod method, String path) {
        HttpRequest<Buffer> request = client.requestAbs(method, baseUrl + path)
                .putHeader("Accept", "application/json")
                .timeout(policy.timeout().toMillis());
        token.ifPresent(request::bearerTokenAuthentication);
        return request;
    }

    private <T> Future<T> call(String operation, Send send, Function<JsonObject, T> decode) {
        Timer.Sample started = Timer.start(registry);
        return attempt(operation, send, decode, 0).andThen(result -> {
            String outcome = outcome(result);
            started.stop(calls.computeIfAbsent(operation + ' ' + outcome, k -> Timer.builder("nora.case.api.calls")
                    .description("Case API calls, retries included").tags("operation", operation, "outcome", outcome)
                    .register(registry)));
            if (result.failed() && result.cause() instanceof CaseApiException e
                    && e.kind() == CaseApiException.Kind.UNAVAILABLE) {
                failureCounter(e.reason()).increment();
                if ("circuit_open".equals(e.reason())) {
                    log.debug("Case API {} not called: the circuit is open", operation); // warned once on opening
                } else {
                    log.warn("Case API {} unavailable: {}", operation, e.reason());
                }
            }
        });
    }

    private <T> Future<T> attempt(String operation, Send send, Function<JsonObject, T> decode, int retry) {
        return breaker.<T>execute(() -> send.send().transform(response -> answer(response, decode)))
                .recover(e -> Future.failedFuture(e instanceof OpenCircuitException
                        ? CaseApiException.unavailable("circuit_open", "The case API circuit is open") : e))
                .recover(e -> {
                    if (retry >= policy.retries() || !retryable(e)) {
                        return Future.failedFuture(e);
                    }
                    retries.increment();
                    log.debug("Case API {} retry {} after {}", operation, retry + 1, ((CaseApiException) e).reason());
                    return vertx.timer(policy.backoff(retry + 1).toMillis())
                            .compose(v -> attempt(operation, send, decode, retry + 1));
                });
    }

    private static <T> Future<T> answer(AsyncResult<HttpResponse<Buffer>> result, Function<JsonObject, T> decode) {
        if (result.failed()) {
            // The cause is left out: Vert.x's timeout message quotes the URL, and a query may hold a phone number.
            String cause = result.cause().getClass().getSimpleName();
            return Future.failedFuture(result.cause() instanceof TimeoutException
                    ? CaseApiException.unavailable("timeout", "The case API did not answer in time (" + cause + ")")
                    : CaseApiException.unavailable("unavailable", "The case API cannot be reached (" + cause + ")"));
        }
        HttpResponse<Buffer> response = result.result();
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                JsonObject json = response.body() == null || response.body().length() == 0 ? new JsonObject()
                        : response.bodyAsJsonObject();
                return Future.succeededFuture(decode.apply(json));
            } catch (RuntimeException e) {
                // DecodeException (not JSON), ClassCastException (not an object), IllegalArgumentException (a field).
                return Future.failedFuture(CaseApiException.unavailable("malformed",
                        "The case API answered with malformed JSON: " + safeMessage(e)));
            }
        }
        if (status == 404) {
            return Future.failedFuture(CaseApiException.notFound(errorCode(response, "not_found"),
                    errorMessage(response, "The case API does not know this case or debtor")));
        }
        if (status == 409 || status == 422) {
            return Future.failedFuture(CaseApiException.rejected(errorCode(response, "rejected"),
                    errorMessage(response, "The case API refused the request")));
        }
        if (status >= 500) {
            return Future.failedFuture(CaseApiException.unavailable("server_error",
                    "The case API answered " + status));
        }
        return Future.failedFuture(CaseApiException.unavailable("unexpected_status",
                "The case API answered " + status));
    }

    private static String outcome(AsyncResult<?> result) {
        if (result.succeeded()) {
            return "ok";
        }
        return result.cause() instanceof CaseApiException e ? e.kind().name().toLowerCase(Locale.ROOT)
                : "unavailable";
    }

    private static boolean unavailable(Throwable e) {
        return !(e instanceof CaseApiException c) || c.kind() == CaseApiException.Kind.UNAVAILABLE;
    }

    private static boolean retryable(Throwable e) {
        return e instanceof CaseApiException c
                && ("unavailable".equals(c.reason()) || "server_error".equals(c.reason()));
    }

    private static String errorCode(HttpResponse<Buffer> response, String fallback) {
        return errorField(response, "error").filter(code -> code.matches("[a-z0-9_]{1,64}")).orElse(fallback);
    }

    private static String errorMessage(HttpResponse<Buffer> response, String fallback) {
        return errorField(response, "message").orElse(fallback);
    }

    private static Optional<String> errorField(HttpResponse<Buffer> response, String field) {
        try {
            return Optional.ofNullable(response.bodyAsJsonObject()).map(json -> json.getValue(field))
                    .filter(String.class::isInstance).map(String.class::cast);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The decoder's own messages name fields only; JSON parser messages may quote the body, so they are cut. */
    private static String safeMessage(RuntimeException e) {
        return e instanceof IllegalArgumentException && e.getMessage() != null ? e.getMessage()
                : e.getClass().getSimpleName();
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
