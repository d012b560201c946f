package no.nora.bot.caseapi;

import static no.nora.bot.caseapi.CaseApiJson.amount;
import static no.nora.bot.caseapi.CaseApiJson.bool;
import static no.nora.bot.caseapi.CaseApiJson.integer;
import static no.nora.bot.caseapi.CaseApiJson.list;
import static no.nora.bot.caseapi.CaseApiJson.object;
import static no.nora.bot.caseapi.CaseApiJson.text;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The demo case API's data, read from a fixtures file (format: {@code caseapi/README.md}). Relative dates
 * ({@code dueInDays}, {@code registeredDaysAgo}, …) are resolved against {@code today} when loaded, so the demo stays
 * current; balances are computed from amount, fees and payments unless given.
 */
record DemoFixtures(List<Debtor> debtors, Map<String, DebtCase> cases, Map<String, List<Payment>> payments,
                    List<Reminder> reminders) {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final String E164 = "\\+[1-9][0-9]{6,14}";

    record Debtor(String id, String name, String phone) {
    }

    record Reminder(String phone, String caseId, Instant sentAt) {
    }

    /** Throws {@link IllegalArgumentException} saying what is wrong and where (ids only, never personal data). */
    static DemoFixtures parse(JsonObject json, LocalDate today) {
        List<Debtor> debtors = list(json, "debtors", d -> new Debtor(text(d, "id"), text(d, "name"), phone(d)));
        unique(debtors, Debtor::id, "debtor");
        Set<String> debtorIds = new HashSet<>(debtors.stream().map(Debtor::id).toList());

        var cases = new LinkedHashMap<String, DebtCase>();
        var payments = new LinkedHashMap<String, List<Payment>>();
        for (JsonObject c : list(json, "cases", Function.identity())) {
            String id = text(c, "id");
            try {
                List<Payment> paid = list(c, "payments", p -> new Payment(text(p, "id"), amount(p, "amount"),
                        date(p, "registeredOn", "registeredDaysAgo", today, -1)))
                        .stream().sorted(Comparator.comparing(Payment::registeredOn).reversed()).toList();
                DebtCase debtCase = debtCase(c, id, paid, today);
                if (!debtorIds.contains(debtCase.debtorId())) {
                    throw new IllegalArgumentException("unknown debtorId");
                }
                if (cases.put(id, debtCase) != null) {
                    throw new IllegalArgumentException("duplicate case id");
                }
                payments.put(id, paid);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("case " + id + ": " + e.getMessage(), e);
            }
        }
        unique(payments.values().stream().flatMap(List::stream).toList(), Payment::id, "payment");

        List<Reminder> reminders = list(json, "reminders", r -> new Reminder(phone(r), text(r, "caseId"),
                sentAt(r, today)));
        for (Reminder r : reminders) {
            if (!cases.containsKey(r.caseId())) {
                throw new IllegalArgumentException("reminder for unknown case " + r.caseId());
            }
        }
        return new DemoFixtures(debtors, Map.copyOf(cases), Map.copyOf(payments), reminders);
    }

    private static DebtCase debtCase(JsonObject c, String id, List<Payment> paid, LocalDate today) {
        BigDecimal original = amount(c, "originalAmount");
        BigDecimal fees = amount(c, "fees");
        BigDecimal balance = c.containsKey("balance") ? amount(c, "balance")
                : paid.stream().map(Payment::amount).reduce(original.add(fees), BigDecimal::subtract);
        if (balance.signum() < 0) {
            throw new IllegalArgumentException("payments exceed originalAmount + fees");
        }
        CaseStatus status = CaseStatus.fromWire(text(c, "status"));
        if (status == CaseStatus.OTHER) {
            throw new IllegalArgumentException("unknown status");
        }
        if (status == CaseStatus.PAID && balance.signum() != 0 || balance.signum() == 0 && !status.settled()) {
            throw new IllegalArgumentException("status PAID goes with a balance of 0.00, and a balance of 0.00 with"
                    + " PAID or CLOSED");
        }
        LocalDate dueDate = date(c, "dueDate", "dueInDays", today, 1);
        JsonObject rules = object(c, "rules");
        LocalDate latestDeferral = rules.containsKey("latestDeferralDate")
                ? CaseApiJson.date(rules, "latestDeferralDate")
                : dueDate.plusDays(integer(rules, "deferralDaysAfterDue"));
        Optional<PlanTerms> plan = c.containsKey("plan") ? Optional.of(plan(object(c, "plan"), today)) : Optional.empty();
        Optional<LocalDate> deferredUntil = c.containsKey("deferredUntil") || c.containsKey("deferredForDays")
                ? Optional.of(date(c, "deferredUntil", "deferredForDays", today, 1)) : Optional.empty();
        if ((status == CaseStatus.INSTALMENT_PLAN) != plan.isPresent()) {
            throw new IllegalArgumentException("status INSTALMENT_PLAN goes with a 'plan', and a 'plan' with it");
        }
        if ((status == CaseStatus.DEFERRED) != deferredUntil.isPresent()) {
            throw new IllegalArgumentException("status DEFERRED goes with 'deferredUntil' or 'deferredForDays', and"
                    + " they with it");
        }
        return new DebtCase(id, text(c, "debtorId"), text(c, "creditor"), text(c, "reference"), original, fees,
                balance, Optional.ofNullable(c.getString("currency")).orElse("NOK"), dueDate, status,
                new CaseRules(bool(rules, "instalmentsAllowed"), amount(rules, "minimumMonthlyInstalment"),
                        integer(rules, "maximumMonths"), latestDeferral), plan, deferredUntil);
    }

    private static PlanTerms plan(JsonObject plan, LocalDate today) {
        int left = integer(plan, "instalmentsLeft");
        if (left < 1) {
            throw new IllegalArgumentException("'plan.instalmentsLeft' must be at least 1");
        }
        return new PlanTerms(amount(plan, "monthlyAmount"),
                date(plan, "nextInstalmentDate", "nextInstalmentInDays", today, 1), left);
    }

    /** An absolute date in {@code field}, or one {@code relativeField} days from today ({@code sign} -1: ago). */
    private static LocalDate date(JsonObject json, String field, String relativeField, LocalDate today, int sign) {
        if (json.containsKey(field)) {
            return CaseApiJson.date(json, field);
        }
        if (json.containsKey(relativeField)) {
            return today.plusDays((long) sign * integer(json, relativeField));
        }
        throw new IllegalArgumentException("needs '" + field + "' or '" + relativeField + "'");
    }

    private static Instant sentAt(JsonObject json, LocalDate today) {
        if (json.containsKey("sentAt")) {
            try {
                return Instant.parse(text(json, "sentAt"));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("missing or invalid field 'sentAt'", e);
            }
        }
        // Reminders go out in the morning, Oslo time.
        return date(json, "sentAt", "sentDaysAgo", today, -1).atTime(LocalTime.of(9, 30)).atZone(OSLO).toInstant();
    }

    private static String phone(JsonObject json) {
        String phone = text(json, "phone");
        if (!phone.matches(E164)) {
            throw new IllegalArgumentException("'phone' must be E.164, like +4740000001");
        }
        return phone;
    }

    private static <T> void unique(List<T> items, Function<T, String> id, String what) {
        var seen = new HashSet<String>();
        var duplicates = new ArrayList<String>();
        items.forEach(item -> {
            if (!seen.add(id.apply(item))) {
                duplicates.add(id.apply(item));
            }
        });
        if (!duplicates.isEmpty()) {
            throw new IllegalArgumentException("duplicate " + what + " id " + duplicates);
        }
    }

    List<DebtCase> casesOf(String debtorId) {
        return cases.values().stream().filter(c -> c.debtorId().equals(debtorId))
                .sorted(Comparator.comparing(DebtCase::id)).toList();
    }

    List<DebtCase> casesRemindedAt(String phone) {
        return reminders.stream().filter(r -> r.phone().equals(phone)).map(r -> cases.get(r.caseId())).distinct()
                .sorted(Comparator.comparing(DebtCase::id)).toList();
    }

    /** The reminders sent to {@code phone}, newest first. */
    List<SentReminder> remindersTo(String phone) {
        return reminders.stream().filter(r -> r.phone().equals(phone))
                .map(r -> new SentReminder(r.caseId(), r.sentAt()))
                .sorted(Comparator.comparing(SentReminder::sentAt).reversed()).toList();
    }

    boolean knowsDebtor(String debtorId) {
        return debtors.stream().anyMatch(d -> d.id().equals(debtorId));
    }
}
