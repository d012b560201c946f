package no.nora.bot.caseapi;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The ids in the built-in demo fixtures ({@code caseapi/demo-fixtures.json}), for tests that talk to the demo case
 * API. Relative dates there are resolved against the day the demo starts; with {@link #CLOCK} that day is
 * {@link #TODAY}.
 */
public final class DemoData {

    /** A fixed clock for deterministic dates: {@link DemoCaseApi#start(io.vertx.core.Vertx, int, java.util.Optional, Clock)}. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-12T09:00:00Z"), ZoneId.of("Europe/Oslo"));
    public static final LocalDate TODAY = LocalDate.of(2025, 3, 12);

    /** Kari Nordmann: three open cases (Telenor, Fjordkraft, Elkjøp); reminders sent to her phone for all three. */
    public static final String KARI = "d-1001";
    public static final String KARI_PHONE = "+4740000001";
    /** Ola Hansen: one paid case (Ice) and one where instalments are not allowed (Sector Alarm). */
    public static final String OLA = "d-1002";
    public static final String OLA_PHONE = "+4740000002";
    /** Ingrid Berg: one case already on an instalment plan (Lyse), last payment three days ago. */
    public static final String INGRID = "d-1003";
    public static final String INGRID_PHONE = "+4740000003";
    /** Lars Johansen: a debtor without cases; no reminder was sent to his phone. */
    public static final String LARS = "d-1004";
    public static final String LARS_PHONE = "+4740000004";
    /** A number the company never sent anything to. */
    public static final String UNKNOWN_PHONE = "+4740000099";

    /** Telenor, TEL-4812-KN: 1290.00 + 335.00 fees, 500.00 paid two days ago, balance 1125.00; due in 10 days;
     *  instalments from 300.00 a month, at most 6 months; deferral up to due date + 30 days. */
    public static final String TELENOR_CASE = "c-2001";
    /** Fjordkraft, FJK-3307-KN: balance 2935.00, nothing paid; due in 5 days; from 300.00 a month, at most 12 months
     *  (500 a month: 6 instalments, the last 435.00); deferral up to due date + 30 days. */
    public static final String FJORDKRAFT_CASE = "c-2002";
    /** Elkjøp, ELK-5521-KN: balance 7784.00, 20 days overdue; from 300.00 a month, at most 12 months (500 a month
     *  would take 16: too long; at least 649.00); deferral up to 10 days from today. */
    public static final String ELKJOP_CASE = "c-2003";
    /** Ice, ICE-2290-OH: PAID, balance 0.00, 1100.00 registered 40 days ago; no instalments. */
    public static final String PAID_CASE = "c-2004";
    /** Sector Alarm, SEC-6118-OH: balance 4970.00, due in 7 days; instalments NOT allowed; deferral up to due + 14. */
    public static final String NO_INSTALMENTS_CASE = "c-2005";
    /** Lyse, LYS-7730-IB: INSTALMENT_PLAN, 400.00 paid 33 and 3 days ago, balance 2805.00; from 300.00, at most 12. */
    public static final String INSTALMENT_PLAN_CASE = "c-2006";
    public static final String UNKNOWN_CASE = "c-9999";

    private DemoData() {
    }
}
