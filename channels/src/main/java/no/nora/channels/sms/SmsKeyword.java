package no.nora.channels.sms;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import no.nora.intents.Language;

/**
 * The carrier-style keywords, alone in a message and in any case: opt out, opt back in, ask for help. They are
 * answered by the SMS channel itself and never reach the bot, in the thread's language; the keyword's own language
 * only when nothing has been said in the thread yet.
 */
enum SmsKeyword {
    OPT_OUT, OPT_IN, HELP;

    record Found(SmsKeyword keyword, Language language) {
    }

    private static final Map<String, Found> WORDS = Map.ofEntries(
            Map.entry("STOPP", new Found(OPT_OUT, Language.NB)),
            Map.entry("AVSLUTT", new Found(OPT_OUT, Language.NB)),
            Map.entry("AVMELD", new Found(OPT_OUT, Language.NB)),
            Map.entry("STOP", new Found(OPT_OUT, Language.EN)),
            Map.entry("STOPALL", new Found(OPT_OUT, Language.EN)),
            Map.entry("UNSUBSCRIBE", new Found(OPT_OUT, Language.EN)),
            Map.entry("CANCEL", new Found(OPT_OUT, Language.EN)),
            Map.entry("END", new Found(OPT_OUT, Language.EN)),
            Map.entry("QUIT", new Found(OPT_OUT, Language.EN)),
            Map.entry("START", new Found(OPT_IN, Language.NB)),
            Map.entry("UNSTOP", new Found(OPT_IN, Language.EN)),
            Map.entry("HJELP", new Found(HELP, Language.NB)),
            Map.entry("HELP", new Found(HELP, Language.EN)));

    private static final Pattern TRAILING_MARKS = Pattern.compile("[.!]+$");

    static Optional<Found> in(String text) {
        String word = TRAILING_MARKS.matcher(text.strip()).replaceAll("").toUpperCase(Locale.ROOT);
        return Optional.ofNullable(WORDS.get(word));
    }
}
