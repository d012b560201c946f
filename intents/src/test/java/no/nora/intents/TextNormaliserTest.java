package no.nora.intents;

import static org.assertj.core.api.Assertions.assertThat;

import no.nora.redact.Redactor;
import org.junit.jupiter.api.Test;

class TextNormaliserTest {

    @Test
    void both_spellings_of_norwegian_letters_meet() {
        assertThat(TextNormaliser.normalise("Når får jeg svar på kravet?"))
                .isEqualTo(TextNormaliser.normalise("naar faar jeg svar paa kravet?"))
                .isEqualTo(TextNormaliser.normalise("nar far jeg svar pa kravet?"));
        assertThat(TextNormaliser.normalise("Bør jeg betale"))
                .isEqualTo(TextNormaliser.normalise("bor jeg betale"));
        assertThat(TextNormaliser.normalise("Hvorfor sendte dere kravet til Ærlig AS"))
                .isEqualTo(TextNormaliser.normalise("hvorfor sendte dere kravet til aerlig as"));
    }

    @Test
    void case_punctuation_and_stretched_letters_are_dropped() {
        assertThat(TextNormaliser.normalise("NEEEEI!!! Ikke nå...")).isEqualTo("neei ikke na");
        assertThat(TextNormaliser.normalise("Don't, can’t")).isEqualTo("dont cant");
    }

    @Test
    void a_question_mark_is_one_token() {
        assertThat(TextNormaliser.normalise("Er dette svindel???")).isEqualTo("er dette svindel ?");
    }

    @Test
    void numbers_and_redactions_become_one_token_each() {
        String redacted = Redactor.redact("faktura 12345678 på 1500kr, 6mnd").text();
        assertThat(redacted).contains(Redactor.PLACEHOLDER);
        assertThat(TextNormaliser.tokens(redacted))
                .containsExactly("faktura", "num", "pa", "num", "kr", "num", "mnd");
    }

    @Test
    void a_message_without_words_has_no_tokens() {
        assertThat(TextNormaliser.tokens("... !!")).isEmpty();
        assertThat(TextNormaliser.tokens("")).isEmpty();
    }
}
