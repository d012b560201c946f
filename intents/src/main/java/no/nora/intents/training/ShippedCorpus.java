package no.nora.intents.training;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import no.nora.intents.Intent;

/**
 * The corpus shipped in the jar: {@code intents/corpus/*.tsv}, packaged by the build as classpath resources
 * {@code /no/nora/intents/corpus/<intent label>.tsv}. The same lines, in the same order, as the build trains the
 * shipped model on, so a retraining at run time starts from exactly what the jar's model learnt.
 */
public final class ShippedCorpus {
    /** Classpath folder of the corpus files. */
    public static final String RESOURCE_DIR = "/no/nora/intents/corpus/";

    private ShippedCorpus() {
    }

    /** Every intent's file, in file-name order as {@link Corpus#read} reads the folder. Blocking: reads the jar. */
    public static List<LabelledExample> read() {
        List<String> files = Arrays.stream(Intent.values()).map(intent -> intent.label() + ".tsv").sorted().toList();
        List<LabelledExample> all = new ArrayList<>();
        for (String file : files) {
            all.addAll(readFile(file));
        }
        return List.copyOf(all);
    }

    private static List<LabelledExample> readFile(String file) {
        String resource = RESOURCE_DIR + file;
        try (InputStream in = ShippedCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No corpus at classpath:" + resource
                        + " – the build packages intents/corpus/ into the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return Corpus.parse(file, reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the corpus " + resource, e);
        }
    }
}
