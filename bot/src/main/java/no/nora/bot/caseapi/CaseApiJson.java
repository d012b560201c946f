package no.nora.bot.caseapi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The wire format of {@code case-api.openapi.yaml}, in one place for the client and the demo server: amounts are
 * strings with two decimals ({@code "1625.00"}, exact, no floating point), dates ISO-8601 ({@code 2025-03-31}),
 * instants ISO-8601 UTC. Decoding is strict: a missing or ill-typed field throws {@link IllegalArgumentException}
 * naming the field, never its value.
 */
final class CaseApiJson {

    private CaseApiJson() {
    }

    static String amount(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    static JsonObject debtCase(DebtCase c) {
        var json = new JsonObject()
                .put("id", c.id())
                .put("debtorId", c.debtorId())
                .put("creditor", c.creditor())
                .put("reference", c.reference())
                .put("originalAmount", amount(c.originalAmount()))
                .put("fees", amount(c.fees()))
                .put("balance", amount(c.balance()))
                .put("currency", c.currency())
                .put("dueDate", c.dueDate().toString())
                .put("status", c.status().name())
                .put("rules", new JsonObject()
                        .put("instalmentsAllowed", c.rules().instalmentsAllowed())
                        .put("minimumMonthlyInstalment", amount(c.rules().minimumMonthlyInstalment()))
                        .put("maximumMonths", c.rules().maximumMonths())
                        .put("latestDeferralDate", c.rules().latestDeferralDate().toString()));
        c.plan().ifPresent(plan -> json.put("plan", new JsonObject()
                .put("monthlyAmount", amount(plan.monthlyAmount()))
                .put("nextInstalmentDate", plan.nextInstalmentDate().toString())
                .put("instalmentsLeft", plan.instalmentsLeft())));
        c.deferredUntil().ifPresent(date -> json.put("deferredUntil", date.toString()));
        return json;
    }

    static DebtCase debtCase(JsonObject json) {
        JsonObject rules = object(json, "rules");
        return new DebtCase(text(json, "id"), text(json, "debtorId"), text(json, "creditor"), text(json, "reference"),
                amount(json, "originalAmount"), amount(json, "fees"), amount(json, "balance"), text(json, "currency"),
                date(json, "dueDate"), status(json),
                new CaseRules(bool(rules, "instalmentsAllowed"), amount(rules, "minimumMonthlyInstalment"),
                        integer(rules, "maximumMonths"), date(rules, "latestDeferralDate")),
                optional(json, "plan", f -> planTerms(object(json, f))), optional(json, "deferredUntil", d -> date(json, d)));
    }

    private static PlanTerms planTerms(JsonObject plan) {
        return new PlanTerms(amount(plan, "monthlyAmount"), date(plan, "nextInstalmentDate"),
                integer(plan, "instalmentsLeft"));
    }

    /** An optional field: absent or null is empty; present, it must be valid. */
    private static <T> Optional<T> optional(JsonObject json, String field, Function<String, T> read) {
        return json.getValue(field) == null ? Optional.empty() : Optional.of(read.apply(field));
    }

    static JsonObject cases(List<DebtCase> cases) {
        return new JsonObject().put("cases", new JsonArray(cases.stream().map(CaseApiJson::debtCase).toList()));
    }

    static List<DebtCase> cases(JsonObject json) {
        return list(json, "cases", CaseApiJson::debtCase);
    }

    static JsonObject payment(Payment p) {
        return new JsonObject().put("id", p.id()).put("amount", amount(p.amount()))
                .put("registeredOn", p.registeredOn().toString());
    }

    static JsonObject payments(List<Payment> payments) {
        return new JsonObject().put("payments", new JsonArray(payments.stream().map(CaseApiJson::payment).toList()));
    }

    static List<Payment> payments(JsonObject json) {
        return list(json, "payments", p -> new Payment(text(p, "id"), amount(p, "amount"), date(p, "registeredOn")));
    }

    static JsonObject receipt(Receipt r) {
        return new JsonObject().put("id", r.id()).put("status", r.status());
    }

    static Receipt receipt(JsonObject json) {
        return new Receipt(text(json, "id"), text(json, "status"));
    }

    static JsonObject reminderCheck(ReminderCheck r) {
        var json = new JsonObject().put("sent", r.sent());
        r.lastSentAt().ifPresent(at -> json.put("lastSentAt", at.toString()));
        json.put("reminders", new JsonArray(r.reminders().stream()
                .map(s -> new JsonObject().put("caseId", s.caseId()).put("sentAt", s.sentAt().toString())).toList()));
        return json;
    }

    static ReminderCheck reminderCheck(JsonObject json) {
        Optional<Instant> lastSentAt = Optional.ofNullable(json.getValue("lastSentAt")).map(v -> {
            try {
                return Instant.parse((String) v);
            } catch (RuntimeException e) {
                throw invalid("lastSentAt");
            }
        });
        // Older case APIs answer without the list: then nothing is known beyond the newest time.
        List<SentReminder> reminders = json.getValue("reminders") == null ? List.of()
                : list(json, "reminders", r -> new SentReminder(text(r, "caseId"), instant(r, "sentAt")));
        return new ReminderCheck(bool(json, "sent"), lastSentAt, reminders);
    }

    static JsonObject instalmentPlan(InstalmentPlanRequest r) {
        return new JsonObject().put("monthlyAmount", amount(r.monthlyAmount())).put("months", r.months());
    }

    static InstalmentPlanRequest instalmentPlan(JsonObject json) {
        return new InstalmentPlanRequest(amount(json, "monthlyAmount"), integer(json, "months"));
    }

    static JsonObject deferral(DeferralRequest r) {
        return new JsonObject().put("payBy", r.payBy().toString());
    }

    static DeferralRequest deferral(JsonObject json) {
        return new DeferralRequest(date(json, "payBy"));
    }

    static JsonObject complaint(ComplaintRequest r) {
        return new JsonObject().put("text", r.text());
    }

    static ComplaintRequest complaint(JsonObject json) {
        return new ComplaintRequest(text(json, "text"));
    }

    // --- strict field readers ---

    /** Kroner with at most two decimals, as the contract writes them: "1250.00". */
    private static final Pattern AMOUNT = Pattern.compile("-?[0-9]{1,12}(\\.[0-9]{1,2})?");

    static String text(JsonObject json, String field) {
        if (json.getValue(field) instanceof String s && !s.isBlank()) {
            return s;
        }
        throw invalid(field);
    }

    static BigDecimal amount(JsonObject json, String field) {
        Object value = json.getValue(field);
        try {
            if (value instanceof String s && AMOUNT.matcher(s).matches()) {
                return new BigDecimal(s).setScale(2, RoundingMode.UNNECESSARY);
            }
            if (value instanceof Number n) {
                // Tolerated on input, never written: a JSON number may already have lost precision.
                return new BigDecimal(n.toString()).setScale(2, RoundingMode.UNNECESSARY);
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalid(field);
        }
        throw invalid(field);
    }

    static Instant instant(JsonObject json, String field) {
        try {
            return Instant.parse(text(json, field));
        } catch (RuntimeException e) {
            throw invalid(field);
        }
    }

    static LocalDate date(JsonObject json, String field) {
        try {
            return LocalDate.parse(text(json, field));
        } catch (RuntimeException e) {
            throw invalid(field);
        }
    }

    static int integer(JsonObject json, String field) {
        if (json.getValue(field) instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw invalid(field);
    }

    static boolean bool(JsonObject json, String field) {
        if (json.getValue(field) instanceof Boolean b) {
            return b;
        }
        throw invalid(field);
    }

    static JsonObject object(JsonObject json, String field) {
        if (json.getValue(field) instanceof JsonObject o) {
            return o;
        }
        throw invalid(field);
    }

    static <T> List<T> list(JsonObject json, String field, Function<JsonObject, T> element) {
        if (!(json.getValue(field) instanceof JsonArray array)) {
            throw invalid(field);
        }
        var out = new ArrayList<T>(array.size());
        for (Object item : array) {
            if (!(item instanceof JsonObject o)) {
                throw invalid(field + "[]");
            }
            out.add(element.apply(o));
        }
        return List.copyOf(out);
    }

    private static CaseStatus status(JsonObject json) {
        return CaseStatus.fromWire(text(json, "status"));
    }

    private static IllegalArgumentException invalid(String field) {
        return new IllegalArgumentException("missing or invalid field '" + field + "'");
    }
}
