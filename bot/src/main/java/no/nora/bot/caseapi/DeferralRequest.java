package no.nora.bot.caseapi;

import java.time.LocalDate;

public record DeferralRequest(LocalDate payBy) {
}
