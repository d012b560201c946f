package no.nora.bot.caseapi;

import java.math.BigDecimal;
import java.time.LocalDate;

public record Payment(String id, BigDecimal amount, LocalDate registeredOn) {
}
