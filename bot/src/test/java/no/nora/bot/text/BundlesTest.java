package no.nora.bot.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import no.nora.intents.Language;
import org.junit.jupiter.api.Test;

/**
 * Every text the debtor reads exists in bokmål, nynorsk and English – read from the files themselves, so a key
 * missing in one bundle fails here instead of falling back to another language in front of a debtor.
 */
class BundlesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");

    @Test
    void everyBundleHasEveryKeyAnotherHas() throws IOException {
        var all = new TreeSet<String>();
        for (Language language : Language.values()) {
            all.addAll(bundle(language).stringPropertyNames());
        }
        for (Language language : Language.values()) {
            assertThat(bundle(language).stringPropertyNames()).as("keys of %s", file(language))
                    .containsExactlyInAnyOrderElementsOf(all);
        }
    }

    @Test
    void aTextUsesTheSamePlaceholdersInEveryLanguage() throws IOException {
        var base = bundle(Language.NB);
        for (Language language : Language.values()) {
            var other = bundle(language);
            for (String key : base.stringPropertyNames()) {
                assertThat(placeholders(other.getProperty(key, ""))).as("placeholders of %s in %s", key, file(language))
                        .isEqualTo(placeholders(base.getProperty(key)));
            }
        }
    }

    @Test
    void theTextsAreNotCopiesOfEachOther() throws IOException {
        var nb = bundle(Language.NB);
        var nn = bundle(Language.NN);
        long same = nb.stringPropertyNames().stream()
                .filter(k -> !k.endsWith(".url") && nb.getProperty(k).length() > 30)
                .filter(k -> nb.getProperty(k).equals(nn.getProperty(k))).count();
        assertThat(same).as("long texts left in bokmål in the nynorsk bundle").isZero();
    }

    private static Set<String> placeholders(String text) {
        var found = new TreeSet<String>();
        var m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String file(Language language) {
        return language == Language.NB ? "messages.properties" : "messages_" + language.code() + ".properties";
    }

    private static Properties bundle(Language language) throws IOException {
        try (InputStream in = BundlesTest.class.getResourceAsStream("/no/nora/bot/text/" + file(language))) {
            var properties = new Properties();
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            return properties;
        }
    }
}
