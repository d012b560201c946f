package no.nora.bot.caseapi;

import static no.nora.bot.caseapi.Await.caseApiFailure;
import static no.nora.bot.caseapi.Await.result;
import static no.nora.bot.caseapi.DemoData.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bot's client against the built-in demo case API, over HTTP, for every call the bot makes. */
@ExtendWith(VertxExtension.class)
class HttpCaseApiAgainstDemoTest {

    private DemoCaseApi demo;
    private HttpCaseApi api;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void start(Vertx vertx) {
        demo = result(DemoCaseApi.start(vertx, 0, Optional.empty(), CLOCK));
        registry = new SimpleMeterRegistry();
        api = HttpCaseApi.create(vertx, demo.baseUrl(), Duration.ofSeconds(2), Optional.empty(), registry);
    }

    @Test
    void a_debtor_sees_all_cases_from_different_creditors() {
        List<DebtCase> cases = result(api.casesForDebtor(KARI));

        assertThat(cases).extracting(DebtCase::id).containsExactly(TELENOR_CASE, FJORDKRAFT_CASE, ELKJOP_CASE);
        assertThat(cases).extracting(DebtCase::creditor)
                .containsExactly("Telenor Norge AS", "Fjordkraft AS", "Elkjøp Nordic AS");
        assertThat(cases).allSatisfy(c -> assertThat(c.debtorId()).isEqualTo(KARI));
    }

    @Test
    void a_case_has_its_amounts_dates_and_rules() {
        DebtCase telenor = result(api.debtCase(TELENOR_CASE));

        assertThat(telenor.reference()).isEqualTo("TEL-4812-KN");
        assertThat(telenor.originalAmount()).isEqualByComparingTo("1290.00");
        assertThat(telenor.fees()).isEqualByComparingTo("335.00");
        assertThat(telenor.balance()).isEqualByComparingTo("1125.00");
        assertThat(telenor.currency()).isEqualTo("NOK");
        assertThat(telenor.dueDate()).isEqualTo(TODAY.plusDays(10));
        assertThat(telenor.status()).isEqualTo(CaseStatus.OPEN);
        assertThat(telenor.rules()).isEqualTo(new CaseRules(true, new BigDecimal("300.00"), 6, TODAY.plusDays(40)));
    }

    @Test
    void a_debtor_without_cases_gets_an_empty_list_and_an_unknown_one_not_found() {
        assertThat(result(api.casesForDebtor(LARS))).isEmpty();

        CaseApiException unknown = caseApiFailure(api.casesForDebtor("d-0000"));
        assertThat(unknown.kind()).isEqualTo(CaseApiException.Kind.NOT_FOUND);
        assertThat(unknown.reason()).isEqualTo("debtor_not_found");
    }

    @Test
    void cases_are_found_by_the_number_a_reminder_was_sent_to() {
        assertThat(result(api.casesForPhone(KARI_PHONE))).extracting(DebtCase::id)
                .containsExactly(TELENOR_CASE, FJORDKRAFT_CASE, ELKJOP_CASE);
        assertThat(result(api.casesForPhone(OLA_PHONE))).extracting(DebtCase::id).containsExactly(NO_INSTALMENTS_CASE);
        assertThat(result(api.casesForPhone(UNKNOWN_PHONE))).isEmpty();
    }

    @Test
    void an_unknown_case_is_not_found() {
        CaseApiException e = caseApiFailure(api.debtCase(UNKNOWN_CASE));

        assertThat(e.kind()).isEqualTo(CaseApiException.Kind.NOT_FOUND);
        assertThat(e.reason()).isEqualTo("case_not_found");
        assertThat(caseApiFailure(api.payments(UNKNOWN_CASE)).kind()).isEqualTo(CaseApiException.Kind.NOT_FOUND);
    }

    @Test
    void a_recent_payment_shows_with_its_date_and_a_paid_case_has_no_balance() {
        assertThat(result(api.payments(TELENOR_CASE)))
                .containsExactly(new Payment("p-3001", new BigDecimal("500.00"), TODAY.minusDays(2)));
        assertThat(result(api.payments(FJORDKRAFT_CASE))).isEmpty();
        assertThat(result(api.payments(INSTALMENT_PLAN_CASE))).extracting(Payment::registeredOn)
                .containsExactly(TODAY.minusDays(3), TODAY.minusDays(33));

        DebtCase paid = result(api.debtCase(PAID_CASE));
        assertThat(paid.status()).isEqualTo(CaseStatus.PAID);
        assertThat(paid.balance()).isEqualByComparingTo("0.00");
    }

    @Test
    void an_invoice_copy_is_ordered_once_however_often_the_same_key_is_sent() {
        Receipt first = result(api.orderInvoiceCopy(FJORDKRAFT_CASE, "conv-1:turn-3"));
        Receipt again = result(api.orderInvoiceCopy(FJORDKRAFT_CASE, "conv-1:turn-3"));

        assertThat(first.status()).isEqualTo("RECEIVED");
        assertThat(first.id()).matches("IC-[A-Z]{6}");
        assertThat(again).isEqualTo(first);
        assertThat(demo.requests()).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo("invoice_copy");
            assertThat(r.caseId()).isEqualTo(FJORDKRAFT_CASE);
            assertThat(r.idempotencyKey()).isEqualTo("conv-1:turn-3");
            assertThat(r.receipt()).isEqualTo(first);
        });
    }

    @Test
    void the_same_key_for_a_different_request_is_refused() {
        result(api.orderInvoiceCopy(FJORDKRAFT_CASE, "key-1"));

        CaseApiException e = caseApiFailure(api.orderInvoiceCopy(TELENOR_CASE, "key-1"));

        assertThat(e.kind()).isEqualTo(CaseApiException.Kind.REJECTED);
        assertThat(e.reason()).isEqualTo("idempotency_key_reused");
        assertThat(demo.requests()).hasSize(1);
    }

    @Test
    void an_instalment_plan_within_the_rules_is_received() {
        var plan = InstalmentPlanRequest.ofMonthlyAmount(new BigDecimal("2935.00"), new BigDecimal("500"));
        assertThat(plan.months()).isEqualTo(6);
        assertThat(plan.lastInstalment(new BigDecimal("2935.00"))).isEqualByComparingTo("435.00");

        Receipt receipt = result(api.requestInstalmentPlan(FJORDKRAFT_CASE, plan, "k-plan"));

        assertThat(receipt.id()).startsWith("IP-");
        assertThat(demo.requests()).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo("instalment_plan");
            assertThat(r.body()).isEqualTo(new JsonObject().put("monthlyAmount", "500.00").put("months", 6));
        });
    }

    @Test
    void instalment_plans_outside_the_rules_are_rejected_with_the_reason() {
        assertRejected(api.requestInstalmentPlan(FJORDKRAFT_CASE,
                InstalmentPlanRequest.ofMonthlyAmount(new BigDecimal("2935.00"), new BigDecimal("200")), "a"),
                "below_minimum");
        assertRejected(api.requestInstalmentPlan(FJORDKRAFT_CASE, new InstalmentPlanRequest(new BigDecimal("3000"), 1),
                "b"), "above_balance");
        assertRejected(api.requestInstalmentPlan(ELKJOP_CASE,
                InstalmentPlanRequest.ofMonthlyAmount(new BigDecimal("7784.00"), new BigDecimal("500")), "c"),
                "too_many_months");
        assertRejected(api.requestInstalmentPlan(NO_INSTALMENTS_CASE,
                InstalmentPlanRequest.ofMonths(new BigDecimal("4970.00"), 6), "d"), "instalments_not_allowed");
        assertRejected(api.requestInstalmentPlan(PAID_CASE, new InstalmentPlanRequest(new BigDecimal("300"), 1), "e"),
                "case_closed");
        assertRejected(api.requestInstalmentPlan(FJORDKRAFT_CASE, new InstalmentPlanRequest(new BigDecimal("500"), 9),
                "f"), "plan_mismatch");

        assertThat(demo.requests()).isEmpty();
    }

    @Test
    void the_rejection_carries_the_case_apis_message() {
        CaseApiException e = caseApiFailure(api.requestInstalmentPlan(FJORDKRAFT_CASE,
                new InstalmentPlanRequest(new BigDecimal("100"), 30), "k"));

        assertThat(e.getMessage()).isEqualTo("The monthly amount is below the minimum of 300.00 NOK.");
    }

    @Test
    void a_plan_over_a_number_of_months_rounds_up_to_whole_kroner() {
        var plan = InstalmentPlanRequest.ofMonths(new BigDecimal("7784.00"), 12);

        assertThat(plan.monthlyAmount()).isEqualByComparingTo("649.00");
        assertThat(plan.months()).isEqualTo(12);
        assertThat(plan.lastInstalment(new BigDecimal("7784.00"))).isEqualByComparingTo("645.00");
        assertThat(result(api.requestInstalmentPlan(ELKJOP_CASE, plan, "k-12")).status()).isEqualTo("RECEIVED");
    }

    @Test
    void a_deferral_up_to_the_latest_date_is_received_and_beyond_it_rejected() {
        LocalDate latest = result(api.debtCase(ELKJOP_CASE)).rules().latestDeferralDate();
        assertThat(latest).isEqualTo(TODAY.plusDays(10));

        assertThat(result(api.requestDeferral(ELKJOP_CASE, new DeferralRequest(latest), "d-1")).id()).startsWith("DF-");
        assertRejected(api.requestDeferral(ELKJOP_CASE, new DeferralRequest(latest.plusDays(1)), "d-2"),
                "deferral_too_late");
        assertRejected(api.requestDeferral(ELKJOP_CASE, new DeferralRequest(TODAY.minusDays(1)), "d-3"),
                "deferral_in_past");
        assertThat(demo.requests()).singleElement()
                .satisfies(r -> assertThat(r.body().getString("payBy")).isEqualTo(latest.toString()));
    }

    @Test
    void a_complaint_is_registered_on_any_case_also_a_paid_one() {
        Receipt receipt = result(api.registerComplaint(PAID_CASE, new ComplaintRequest("Jeg har betalt dette."), "c-1"));

        assertThat(receipt.id()).startsWith("CO-");
        assertThat(demo.requests()).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo("complaint");
            assertThat(r.body().getString("text")).isEqualTo("Jeg har betalt dette.");
        });
    }

    @Test
    void a_reminder_check_says_whether_and_when_the_company_sent_one_and_for_which_case() {
        ReminderCheck kari = result(api.reminderSentTo(KARI_PHONE));
        assertThat(kari.sent()).isTrue();
        assertThat(kari.lastSentAt()).contains(ZonedDateTime.of(TODAY.minusDays(1).atTime(9, 30),
                ZoneId.of("Europe/Oslo")).toInstant());
        assertThat(kari.reminders()).extracting(SentReminder::caseId)
                .containsExactly(FJORDKRAFT_CASE, TELENOR_CASE, ELKJOP_CASE);
        assertThat(kari.about(TELENOR_CASE)).map(SentReminder::sentAt).contains(ZonedDateTime.of(
                TODAY.minusDays(6).atTime(9, 30), ZoneId.of("Europe/Oslo")).toInstant());

        assertThat(result(api.reminderSentTo(LARS_PHONE))).isEqualTo(new ReminderCheck(false, Optional.empty(), List.of()));
    }

    @Test
    void the_demo_lists_the_requests_it_received_filtered_by_type_and_case(Vertx vertx) {
        result(api.orderInvoiceCopy(TELENOR_CASE, "r-1"));
        result(api.orderInvoiceCopy(FJORDKRAFT_CASE, "r-2"));
        result(api.registerComplaint(TELENOR_CASE, new ComplaintRequest("Feil beløp"), "r-3"));
        WebClient web = WebClient.create(vertx);

        JsonObject all = result(web.getAbs(demo.baseUrl() + "/requests").send()).bodyAsJsonObject();
        JsonObject copies = result(web.getAbs(demo.baseUrl() + "/requests?type=invoice_copy&caseId=" + TELENOR_CASE)
                .send()).bodyAsJsonObject();

        assertThat(all.getJsonArray("requests")).hasSize(3);
        assertThat(copies.getJsonArray("requests")).singleElement().satisfies(r -> {
            JsonObject request = (JsonObject) r;
            assertThat(request.getString("idempotencyKey")).isEqualTo("r-1");
            assertThat(request.getString("receivedAt")).isEqualTo("2025-03-12T09:00:00Z");
            assertThat(request.getJsonObject("receipt").getString("status")).isEqualTo("RECEIVED");
        });
    }

    @Test
    void ping_succeeds_and_calls_are_timed_by_operation_and_outcome() {
        result(api.ping());
        caseApiFailure(api.debtCase(UNKNOWN_CASE));

        assertThat(registry.get("nora.case.api.calls").tags("operation", "ping", "outcome", "ok").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("nora.case.api.calls").tags("operation", "debtCase", "outcome", "not_found").timer()
                .count()).isEqualTo(1);
        assertThat(registry.find("nora.case.api.failures").counters()).hasSize(6)
                .allSatisfy(c -> assertThat(c.count()).isZero());
    }

    private static void assertRejected(io.vertx.core.Future<?> call, String reason) {
        CaseApiException e = caseApiFailure(call);
        assertThat(e.kind()).isEqualTo(CaseApiException.Kind.REJECTED);
        assertThat(e.reason()).isEqualTo(reason);
    }
}
