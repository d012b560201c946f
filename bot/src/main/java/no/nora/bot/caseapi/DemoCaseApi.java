package no.nora.bot.caseapi;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in demo case API: a real HTTP server implementing {@code case-api.openapi.yaml} over fixture data, so
 * the bot talks to it exactly as to the company's case system. It validates writes as the real one does, keeps every
 * write it accepted (deduplicated on the {@code Idempotency-Key}) and lists them at {@code GET /requests}.
 * Listens on 127.0.0.1 only.
 */
public final class DemoCaseApi {
    private static final Logger log = LoggerFactory.getLogger(DemoCaseApi.class);

    /** The built-in fixtures, on the classpath. */
    public static final String BUILT_IN_FIXTURES = "caseapi/demo-fixtures.json";
    public static final String HOST = "127.0.0.1";
    private static final int MAX_COMPLAINT_LENGTH = 4000;
    private static final String RECEIPT_LETTERS = "BCDFGHJKLMNPQRSTVWXZ";

    /** A write the demo accepted: {@code type} is invoice_copy, instalment_plan, deferral or complaint. */
    public record ReceivedRequest(String type, String caseId, String idempotencyKey, Instant receivedAt,
                                  JsonObject body, Receipt receipt) {
        public ReceivedRequest {
            body = body.copy();
        }

        @Override
        public JsonObject body() {
            return body.copy();
        }

        JsonObject toJson() {
            return new JsonObject().put("type", type).put("caseId", caseId).put("idempotencyKey", idempotencyKey)
                    .put("receivedAt", receivedAt.toString()).put("body", body.copy())
                    .put("receipt", CaseApiJson.receipt(receipt));
        }
    }

    /** A refusal, answered as the case API's error body {@code {"error": code, "message": ...}}. */
    private static final class Refusal extends RuntimeException {
        final int status;
        final String code;

        Refusal(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    private final Vertx vertx;
    private final DemoFixtures fixtures;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /**
     * How many writes the demo remembers (and so replays by their Idempotency-Key): the newest ones. A demo left
     * running under load must not grow without end; the company's case system is the store of record.
     */
    static final int REMEMBERED_WRITES = 10_000;

    private final Map<String, ReceivedRequest> byIdempotencyKey = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ReceivedRequest> eldest) {
            return size() > REMEMBERED_WRITES;
        }
    };
    private HttpServer server;

    private DemoCaseApi(Vertx vertx, DemoFixtures fixtures, Clock clock) {
        this.vertx = vertx;
        this.fixtures = fixtures;
        this.clock = clock;
    }

    /**
     * Loads the fixtures ({@link #BUILT_IN_FIXTURES} when none is given) and listens on {@code port} (0: any free
     * port). Fails when the fixtures cannot be read or are invalid, saying what is wrong.
     */
    public static Future<DemoCaseApi> start(Vertx vertx, int port, Optional<Path> fixturesFile) {
        return start(vertx, port, fixturesFile, Clock.system(DemoFixtures.OSLO));
    }

    /** As {@link #start(Vertx, int, Optional)}, with relative fixture dates and request times taken from {@code clock}. */
    public static Future<DemoCaseApi> start(Vertx vertx, int port, Optional<Path> fixturesFile, Clock clock) {
        String source = fixturesFile.map(Path::toString).orElse("classpath:" + BUILT_IN_FIXTURES);
        return readFixtures(vertx, fixturesFile)
                .map(buffer -> {
                    try {
                        return DemoFixtures.parse(buffer.toJsonObject(), LocalDate.now(clock.withZone(DemoFixtures.OSLO)));
                    } catch (DecodeException | IllegalArgumentException | ClassCastException e) {
                        throw new IllegalArgumentException("Invalid case API fixtures " + source + ": "
                                + e.getMessage(), e);
                    }
                })
                .map(fixtures -> new DemoCaseApi(vertx, fixtures, clock))
                .compose(demo -> demo.listen(port));
    }

    private static Future<Buffer> readFixtures(Vertx vertx, Optional<Path> file) {
        if (file.isPresent()) {
            return vertx.fileSystem().readFile(file.get().toString())
                    .recover(e -> Future.failedFuture(new IllegalArgumentException(
                            "Cannot read case API fixtures " + file.get() + ": " + e.getMessage(), e)));
        }
        return vertx.executeBlocking(() -> {
            try (InputStream in = DemoCaseApi.class.getClassLoader().getResourceAsStream(BUILT_IN_FIXTURES)) {
                if (in == null) {
                    throw new IOException("missing from the classpath");
                }
                return Buffer.buffer(in.readAllBytes());
            }
        });
    }

    private Future<DemoCaseApi> listen(int port) {
        return vertx.createHttpServer().requestHandler(router()).listen(port, HOST).map(s -> {
            server = s;
            // The port alone: "127.0.0.1:33357" would read as a seven-digit run in the logs.
            log.info("Demo case API listening on local port {} with {} cases", port(), fixtures.cases().size());
            return this;
        });
    }

    public int port() {
        return server.actualPort();
    }

    /** Where the client reaches this server, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUrl() {
        return URI.create("http://" + HOST + ":" + port());
    }

    public Future<Void> stop() {
        return server.close();
    }

    /** A debtor of the fixtures as a demo sign-in page shows them: who, and the creditors of their cases. */
    public record DemoDebtor(String id, String name, List<String> creditors) {
        public DemoDebtor {
            creditors = List.copyOf(creditors);
        }
    }

    /** This demo's debtors, in file order. */
    public List<DemoDebtor> debtors() {
        return debtorsOf(fixtures);
    }

    private static List<DemoDebtor> debtorsOf(DemoFixtures fixtures) {
        return fixtures.debtors().stream().map(d -> new DemoDebtor(d.id(), d.name(),
                fixtures.casesOf(d.id()).stream().map(DebtCase::creditor).toList())).toList();
    }

    /** The fixtures' debtors, id → name, in file order: e.g. for a demo sign-in page. */
    public Map<String, String> debtorNames() {
        var names = new LinkedHashMap<String, String>();
        fixtures.debtors().forEach(d -> names.put(d.id(), d.name()));
        return names;
    }

    /**
     * The writes accepted so far, oldest first – the newest {@link #REMEMBERED_WRITES} of them (a replay with the
     * same Idempotency-Key adds nothing).
     */
    public synchronized List<ReceivedRequest> requests() {
        return List.copyOf(byIdempotencyKey.values());
    }

    // --- routes ---

    private Router router() {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create().setBodyLimit(64 * 1024));
        router.get("/health").handler(ctx -> ok(ctx, 200, new JsonObject().put("status", "UP")));
        router.get("/debtors/:debtorId/cases").handler(this::casesForDebtor);
        router.get("/cases").handler(this::casesForPhone);
        router.get("/cases/:caseId").handler(ctx -> ok(ctx, 200, CaseApiJson.debtCase(existingCase(ctx))));
        router.get("/cases/:caseId/payments").handler(ctx ->
                ok(ctx, 200, CaseApiJson.payments(fixtures.payments().get(existingCase(ctx).id()))));
        router.post("/cases/:caseId/invoice-copies").handler(ctx -> write(ctx, "invoice_copy", "IC",
                (debtCase, body) -> new JsonObject().put("deliverTo", "MY_PAGE")));
        router.post("/cases/:caseId/instalment-plan-requests").handler(ctx ->
                write(ctx, "instalment_plan", "IP", this::validInstalmentPlan));
        router.post("/cases/:caseId/deferral-requests").handler(ctx ->
                write(ctx, "deferral", "DF", this::validDeferral));
        router.post("/cases/:caseId/complaints").handler(ctx -> write(ctx, "complaint", "CO", this::validComplaint));
        router.get("/reminders").handler(ctx -> {
            var sent = fixtures.remindersTo(phone(ctx));
            ok(ctx, 200, CaseApiJson.reminderCheck(new ReminderCheck(!sent.isEmpty(),
                    sent.stream().findFirst().map(SentReminder::sentAt), sent)));
        });
        router.get("/requests").handler(this::listRequests);

        router.route().failureHandler(this::refuse);
        router.errorHandler(404, ctx -> error(ctx, 404, "not_found", "There is nothing at this address."));
        router.errorHandler(405, ctx -> error(ctx, 405, "method_not_allowed", "This address does not accept "
                + ctx.request().method().name() + "."));
        return router;
    }

    private void casesForDebtor(RoutingContext ctx) {
        String debtorId = ctx.pathParam("debtorId");
        if (!fixtures.knowsDebtor(debtorId)) {
            throw new Refusal(404, "debtor_not_found", "No debtor with this id.");
        }
        ok(ctx, 200, CaseApiJson.cases(fixtures.casesOf(debtorId)));
    }

    private void casesForPhone(RoutingContext ctx) {
        ok(ctx, 200, CaseApiJson.cases(fixtures.casesRemindedAt(phone(ctx))));
    }

    private void listRequests(RoutingContext ctx) {
        Optional<String> type = Optional.ofNullable(ctx.queryParams().get("type"));
        Optional<String> caseId = Optional.ofNullable(ctx.queryParams().get("caseId"));
        List<JsonObject> matching = requests().stream()
                .filter(r -> type.map(r.type()::equals).orElse(true))
                .filter(r -> caseId.map(r.caseId()::equals).orElse(true))
                .map(ReceivedRequest::toJson).toList();
        ok(ctx, 200, new JsonObject().put("requests", new JsonArray(matching)));
    }

    /**
     * Every write: the key is required; a replay of the same request returns the first receipt without a second
     * record; the same key on a different request is a conflict; otherwise validate, record and answer 201.
     */
    private void write(RoutingContext ctx, String type, String receiptPrefix,
                       BiFunction<DebtCase, JsonObject, JsonObject> validate) {
        String key = ctx.request().getHeader("Idempotency-Key");
        if (key == null || key.isBlank() || key.length() > 255) {
            throw new Refusal(400, "idempotency_key_missing", "Every write needs an Idempotency-Key header (1-255 characters).");
        }
        DebtCase debtCase = existingCase(ctx);
        JsonObject body = validate.apply(debtCase, jsonBody(ctx));
        ReceivedRequest received;
        boolean replayed;
        synchronized (this) {
            ReceivedRequest earlier = byIdempotencyKey.get(key);
            replayed = earlier != null;
            if (replayed && !(earlier.type().equals(type) && earlier.caseId().equals(debtCase.id())
                    && earlier.body().equals(body))) {
                throw new Refusal(409, "idempotency_key_reused", "This Idempotency-Key was used for another request.");
            }
            received = replayed ? earlier : new ReceivedRequest(type, debtCase.id(), key, clock.instant(), body,
                    new Receipt(receiptId(receiptPrefix), "RECEIVED"));
            byIdempotencyKey.putIfAbsent(key, received);
        }
        if (replayed) {
            ctx.response().putHeader("Idempotent-Replayed", "true");
        } else {
            log.info("Demo case API received {} {} for case {}", type, received.receipt().id(), debtCase.id());
        }
        ok(ctx, 201, CaseApiJson.receipt(received.receipt()));
    }

    private JsonObject validInstalmentPlan(DebtCase c, JsonObject body) {
        InstalmentPlanRequest plan = parse(() -> CaseApiJson.instalmentPlan(body));
        requireOpen(c);
        CaseRules rules = c.rules();
        if (!rules.instalmentsAllowed()) {
            throw rejected("instalments_not_allowed", "Instalments are not allowed on this case.");
        }
        if (plan.monthlyAmount().signum() <= 0 || plan.months() < 1) {
            throw rejected("invalid_plan", "The monthly amount and the number of months must be positive.");
        }
        if (plan.monthlyAmount().compareTo(c.balance()) > 0) {
            throw rejected("above_balance", "The monthly amount is more than the balance of "
                    + CaseApiJson.amount(c.balance()) + " " + c.currency() + ".");
        }
        if (plan.monthlyAmount().compareTo(rules.minimumMonthlyInstalment()) < 0) {
            throw rejected("below_minimum", "The monthly amount is below the minimum of "
                    + CaseApiJson.amount(rules.minimumMonthlyInstalment()) + " " + c.currency() + ".");
        }
        int needed = InstalmentPlanRequest.monthsNeeded(c.balance(), plan.monthlyAmount());
        if (needed > rules.maximumMonths()) {
            throw rejected("too_many_months", "The plan would take " + needed + " months; the longest allowed is "
                    + rules.maximumMonths() + ".");
        }
        if (!plan.pays(c.balance())) {
            throw rejected("plan_mismatch", "At this monthly amount the balance is paid in " + needed + " months, not "
                    + plan.months() + ".");
        }
        return CaseApiJson.instalmentPlan(plan);
    }

    private JsonObject validDeferral(DebtCase c, JsonObject body) {
        DeferralRequest deferral = parse(() -> CaseApiJson.deferral(body));
        requireOpen(c);
        if (!deferral.payBy().isAfter(LocalDate.now(clock.withZone(DemoFixtures.OSLO)))) {
            throw rejected("deferral_in_past", "The new payment date must be in the future.");
        }
        if (deferral.payBy().isAfter(c.rules().latestDeferralDate())) {
            throw rejected("deferral_too_late", "The latest possible payment date is "
                    + c.rules().latestDeferralDate() + ".");
        }
        return CaseApiJson.deferral(deferral);
    }

    private JsonObject validComplaint(DebtCase c, JsonObject body) {
        ComplaintRequest complaint = parse(() -> CaseApiJson.complaint(body));
        if (complaint.text().length() > MAX_COMPLAINT_LENGTH) {
            throw rejected("complaint_too_long", "A complaint can be at most " + MAX_COMPLAINT_LENGTH + " characters.");
        }
        return CaseApiJson.complaint(complaint);
    }

    /** A plan or a deferral: only on a case waiting for payment (open or deferred), never on a plan twice. */
    private static void requireOpen(DebtCase c) {
        switch (c.status()) {
            case PAID, CLOSED -> throw new Refusal(409, "case_closed",
                    "The case is " + c.status().name().toLowerCase(Locale.ROOT) + ".");
            case INSTALMENT_PLAN -> throw new Refusal(409, "plan_exists",
                    "The case already has an instalment plan; changes go through the customer centre.");
            case LEGAL_COLLECTION, OTHER -> throw new Refusal(409, "case_not_open",
                    "The case is in " + c.status().name().toLowerCase(Locale.ROOT) + "; only the customer centre can change it.");
            default -> {
            }
        }
    }

    // --- helpers ---

    private DebtCase existingCase(RoutingContext ctx) {
        DebtCase c = fixtures.cases().get(ctx.pathParam("caseId"));
        if (c == null) {
            throw new Refusal(404, "case_not_found", "No case with this id.");
        }
        return c;
    }

    private static String phone(RoutingContext ctx) {
        String phone = ctx.queryParams().get("phone");
        if (phone == null || !phone.matches("\\+[1-9][0-9]{6,14}")) {
            throw new Refusal(400, "invalid_phone", "Give the phone number in E.164 form, like +4740000001.");
        }
        return phone;
    }

    private static JsonObject jsonBody(RoutingContext ctx) {
        if (ctx.body().length() == 0) {
            return new JsonObject();
        }
        try {
            JsonObject json = ctx.body().asJsonObject();
            return json == null ? new JsonObject() : json;
        } catch (DecodeException | ClassCastException e) {
            throw new Refusal(400, "invalid_request", "The request body is not a JSON object.");
        }
    }

    private static <T> T parse(Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new Refusal(400, "invalid_request", "The request body has a " + e.getMessage() + ".");
        }
    }

    private static Refusal rejected(String code, String message) {
        return new Refusal(422, code, message);
    }

    private String receiptId(String prefix) {
        var id = new StringBuilder(prefix).append('-');
        for (int i = 0; i < 6; i++) {
            id.append(RECEIPT_LETTERS.charAt(random.nextInt(RECEIPT_LETTERS.length())));
        }
        return id.toString();
    }

    private void refuse(RoutingContext ctx) {
        if (ctx.failure() instanceof Refusal r) {
            error(ctx, r.status, r.code, r.getMessage());
        } else if (ctx.statusCode() == 413) {
            error(ctx, 413, "payload_too_large", "The request body is too large.");
        } else {
            log.error("Demo case API failed on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
            error(ctx, 500, "internal_error", "Something went wrong in the demo case API.");
        }
    }

    private static void error(RoutingContext ctx, int status, String code, String message) {
        ok(ctx, status, new JsonObject().put("error", code).put("message", message));
    }

    private static void ok(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }
}
