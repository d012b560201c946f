package no.nora.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import no.nora.bot.conversation.Choice;
import org.junit.jupiter.api.Test;

class SmsTextTest {

    @Test
    void typographyBecomesGsm7AndNorwegianLettersStay() {
        assertThat(SmsText.normalise("«Hei» – du sa “ja” … ’ok’ — æøå ÆØÅ"))
                .isEqualTo("\"Hei\" - du sa \"ja\" ... 'ok' - æøå ÆØÅ");
    }

    @Test
    void emojiAreDroppedAndForeignAccentsStripped() {
        assertThat(SmsText.normalise("Takk 👍🏽 for betalingen 🎉!")).isEqualTo("Takk for betalingen !");
        assertThat(SmsText.normalise("Café, señor, Ålesund, Zoë")).isEqualTo("Café, señor, Ålesund, Zoe");
        assertThat(SmsText.segments(SmsText.normalise("Hei 😀 “du”")).encoding()).isEqualTo(SmsText.Encoding.GSM7);
    }

    @Test
    void gsm7SegmentsAre160ThenPartsOf153() {
        assertThat(SmsText.segments("a".repeat(160)).parts()).isEqualTo(1);
        assertThat(SmsText.segments("a".repeat(161)).parts()).isEqualTo(2);
        assertThat(SmsText.segments("a".repeat(306)).parts()).isEqualTo(2);
        assertThat(SmsText.segments("a".repeat(307)).parts()).isEqualTo(3);
        assertThat(SmsText.segments("ø".repeat(160)).parts()).isEqualTo(1);
    }

    @Test
    void extensionCharactersCountDouble() {
        assertThat(SmsText.segments("€".repeat(80)).units()).isEqualTo(160);
        assertThat(SmsText.segments("€".repeat(80)).parts()).isEqualTo(1);
        assertThat(SmsText.segments("€".repeat(81)).parts()).isEqualTo(2);
        assertThat(SmsText.segments("[]{}^~|\\").units()).isEqualTo(16);
    }

    @Test
    void ucs2SegmentsAre70ThenPartsOf67() {
        assertThat(SmsText.segments("ж".repeat(70))).isEqualTo(new SmsText.Segments(SmsText.Encoding.UCS2, 70, 1));
        assertThat(SmsText.segments("ж".repeat(71)).parts()).isEqualTo(2);
        assertThat(SmsText.segments("ж".repeat(134)).parts()).isEqualTo(2);
        assertThat(SmsText.segments("ж".repeat(135)).parts()).isEqualTo(3);
    }

    @Test
    void neverMoreThan1600CharactersAndTheCutIsMarkedAtAWord() {
        String fitted = SmsText.fit("ord ".repeat(600));
        assertThat(fitted).hasSizeLessThanOrEqualTo(SmsText.MAX_CHARS).endsWith("ord...");
        assertThat(SmsText.fit("kort")).isEqualTo("kort");
    }

    @Test
    void choicesAreNumberedLines() {
        assertThat(SmsText.render("Hva vil du gjøre?", List.of(new Choice("Få kopi", "kopi"), new Choice("Betale", "betale"))))
                .isEqualTo("Hva vil du gjøre?\n1. Få kopi\n2. Betale");
    }

    @Test
    void theChannelsOwnTextsFitTwoGsm7Segments() {
        var texts = new SmsTexts();
        for (var language : List.of(no.nora.intents.Language.NB, no.nora.intents.Language.EN)) {
            for (var key : List.of("reminder", "optout.confirmed", "optin.confirmed", "help")) {
                String text = texts.get(language, key);
                assertThat(SmsText.fit(text)).as(key).isEqualTo(text);
                assertThat(SmsText.segments(text).parts()).as(key).isLessThanOrEqualTo(SmsText.AIM_SEGMENTS);
            }
        }
        assertThat(texts.get(no.nora.intents.Language.NB, "reminder")).contains("Min side").doesNotContainPattern("[0-9]{7,}");
    }

    @Test
    void keywordsAreRecognisedAloneAndInAnyCase() {
        assertThat(SmsKeyword.in(" stopp ")).map(SmsKeyword.Found::keyword).contains(SmsKeyword.OPT_OUT);
        assertThat(SmsKeyword.in("Avslutt.")).map(SmsKeyword.Found::keyword).contains(SmsKeyword.OPT_OUT);
        assertThat(SmsKeyword.in("UNSUBSCRIBE")).map(SmsKeyword.Found::keyword).contains(SmsKeyword.OPT_OUT);
        assertThat(SmsKeyword.in("start")).map(SmsKeyword.Found::keyword).contains(SmsKeyword.OPT_IN);
        assertThat(SmsKeyword.in("hjelp")).map(SmsKeyword.Found::keyword).contains(SmsKeyword.HELP);
        assertThat(SmsKeyword.in("stopp purringene takk")).isEmpty();
    }
}
