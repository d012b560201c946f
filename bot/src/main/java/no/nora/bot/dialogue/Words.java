package no.nora.bot.dialogue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A text as the lower-case words the dialogue matches against (creditor names, expected answers). */
public final class Words {
    private Words() {
    }

    public static List<String> of(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toList();
    }
}
