package no.nora.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import no.nora.bot.conversation.Choice;
import no.nora.redact.Redactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        String fitted = SmsText.fit("ord ".repeat(600)).text();
        assertThat(fitted).hasSizeLessThanOrEqualTo(SmsText.MAX_CHARS).endsWith("ord...");
        assertThat(SmsText.fit("kort").text()).isEqualTo("kort");
    }

    /**
     * Issue 18: emoji and a run of tabs keep digits apart for the redactor, and the SMS shaping took them out, so the
     * number reached Twilio whole. What goes to the provider is redacted after the last change.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Ref 123😀456😀7890", "Ref 123\t\t\t\t456\t\t\t\t7890", "Ref 123 \t \t 456 \t \t 7890",
        "fnr 179120    99997"})
    void digitsTheShapingBringsTogetherNeverReachTheProvider(String text) {
        assertThat(Redactor.containsForbiddenRun(text)).as("kept apart for the redactor").isFalse();
        String sent = SmsText.fit(text).text();
        assertThat(Redactor.containsForbiddenRun(sent)).as(sent).isFalse();
        assertThat(sent).startsWith(text.substring(0, 3)).contains(Redactor.PLACEHOLDER);
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
                assertThat(SmsText.fit(text).text()).as(key).isEqualTo(text);
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
