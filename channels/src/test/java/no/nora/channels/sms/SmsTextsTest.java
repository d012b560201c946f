package no.nora.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import no.nora.intents.Language;
import org.junit.jupiter.api.Test;

/** The SMS channel's own texts: each in bokmål, nynorsk and English, and each within two segments. */
class SmsTextsTest {

    @Test
    void everyLanguageHasEveryText() {
        var all = new TreeSet<String>();
        for (Language language : Language.values()) {
            all.addAll(keys(language));
        }
        for (Language language : Language.values()) {
            assertThat(keys(language)).as("texts in sms_%s", language.code()).containsExactlyInAnyOrderElementsOf(all);
        }
    }

    @Test
    void everyTextTheDebtorGetsFitsInTwoSegments() {
        for (Language language : Language.values()) {
            for (String key : keys(language)) {
                if (key.startsWith("note.")) {
                    continue; // agents' notes, never sent
                }
                String text = new SmsTexts().get(language, key);
                assertThat(SmsText.segments(SmsText.normalise(text)).parts()).as("%s in %s", key, language.code())
                        .isLessThanOrEqualTo(SmsText.AIM_SEGMENTS);
            }
        }
    }

    private static Set<String> keys(Language language) {
        return new TreeSet<>(Collections.list(SmsTexts.bundle(language).getKeys()));
    }
}
