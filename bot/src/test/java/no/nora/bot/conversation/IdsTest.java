package no.nora.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsAreLettersOnlyAndNeverRepeat() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 10_000; i++) {
            String id = Ids.conversationId();
            assertThat(id).hasSize(23).matches("[A-Za-z]+");
            assertThat(seen.add(id)).as("a repeated id").isTrue();
        }
        assertThat(Ids.token()).hasSize(45).matches("[A-Za-z]+");
    }

    @Test
    void everyLetterIsEquallyLikely() {
        // A biased draw (a modulo over 64 values, say) would make a dozen letters twice as common as the rest.
        var counts = new int[128];
        int letters = 0;
        for (int i = 0; i < 4_000; i++) {
            for (char c : Ids.random(26).toCharArray()) {
                counts[c]++;
                letters++;
            }
        }
        double expected = letters / 52.0;
        for (char c = 'A'; c <= 'z'; c = c == 'Z' ? 'a' : (char) (c + 1)) {
            assertThat(counts[c]).as("letter %s", c).isBetween((int) (expected * 0.85), (int) (expected * 1.15));
        }
    }
}
