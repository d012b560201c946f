package no.nora.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class CharClassTest {
    @Test
    void theLoadingShortcutChangesNoCodePoint() {
        var differing = new ArrayList<String>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Character.isSurrogate((char) cp) && cp < 0x10000) {
                continue;
            }
            if (CharClass.of(cp) != CharClass.computeWithoutShortcut(cp)) {
                differing.add(Integer.toHexString(cp));
            }
        }
        assertThat(differing).isEmpty();
    }

    @Test
    void examplesOfEachClass() {
        assertThat(CharClass.of('7')).isEqualTo((byte) 1);
        assertThat(CharClass.of('²')).isEqualTo((byte) 1);
        assertThat(CharClass.of('⑫')).isEqualTo((byte) 2);
        assertThat(CharClass.of('❶')).isEqualTo((byte) 1);
        assertThat(CharClass.of(0x1D7CE)).isEqualTo((byte) 1);
        assertThat(CharClass.of('a')).isEqualTo(CharClass.OTHER);
        assertThat(CharClass.of('%')).isEqualTo(CharClass.OTHER);
        assertThat(CharClass.of('\u00A0')).isEqualTo(CharClass.SEPARATOR);
        assertThat(CharClass.of('－')).isEqualTo(CharClass.SEPARATOR);
        assertThat(CharClass.of('\u200B')).isEqualTo(CharClass.INVISIBLE);
        assertThat(CharClass.of(0xE0041)).isEqualTo(CharClass.INVISIBLE);
        assertThat(CharClass.of('\u20E3')).isEqualTo(CharClass.MARK);
        assertThat(CharClass.of(0xE0100)).isEqualTo(CharClass.MARK);
    }
}
