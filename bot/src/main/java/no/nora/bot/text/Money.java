package no.nora.bot.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import no.nora.intents.Language;

/**
 * Amounts as debtors read them: {@code 1 500 kr} in Norwegian, {@code NOK 1,500} in English. Øre are shown only
 * when there are any; when that would put seven digits in a row (which every sink treats as an identity number)
 * the øre are written in words instead ({@code 12 345 kr og 50 øre}).
 */
public final class Money {
    private Money() {
    }

    public static String format(Language language, BigDecimal amount) {
        BigDecimal rounded = amount.setScale(2, RoundingMode.HALF_UP);
        BigDecimal kroner = rounded.setScale(0, RoundingMode.DOWN);
        int ore = rounded.subtract(kroner).movePointRight(2).abs().intValue();
        String whole = grouped(language, kroner);
        boolean english = language == Language.EN;
        if (ore == 0) {
            return english ? "NOK " + whole : whole + " kr";
        }
        int digits = kroner.abs().toPlainString().length() + 2;
        if (digits < 7) {
            String withOre = whole + (english ? "." : ",") + String.format("%02d", ore);
            return english ? "NOK " + withOre : withOre + " kr";
        }
        return english ? "NOK " + whole + " and " + ore + " øre" : whole + " kr og " + ore + " øre";
    }

    private static String grouped(Language language, BigDecimal kroner) {
        var symbols = new DecimalFormatSymbols();
        symbols.setGroupingSeparator(language == Language.EN ? ',' : '\u00A0');
        return new DecimalFormat("#,##0", symbols).format(kroner);
    }
}
