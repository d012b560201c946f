package no.nora.intents.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import no.nora.intents.Intent;
import no.nora.intents.Language;

/**
 * Reads labelled examples: one per line, {@code intent<TAB>language<TAB>text}; {@code #} starts a comment line.
 * A directory means all its {@code .tsv} files in name order, so training is reproducible.
 */
public final class Corpus {
    private Corpus() {
    }

    public static List<LabelledExample> read(Path fileOrDirectory) {
        try {
            if (!Files.isDirectory(fileOrDirectory)) {
                return readFile(fileOrDirectory);
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(fileOrDirectory)) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".tsv")).sorted().toList();
            }
            List<LabelledExample> all = new ArrayList<>();
            for (Path file : files) {
                all.addAll(readFile(file));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<LabelledExample> readFile(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** Parses the lines of one corpus file; {@code source} names it in error messages ("invoice_copy.tsv:12"). */
    public static List<LabelledExample> parse(String source, List<String> lines) {
        List<LabelledExample> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t", 3);
            String where = source + ":" + (i + 1);
            if (columns.length != 3 || columns[2].isBlank()) {
                throw new IllegalArgumentException(where + ": expected intent<TAB>language<TAB>text");
            }
            Intent intent = Intent.fromLabel(columns[0].trim())
                    .orElseThrow(() -> new IllegalArgumentException(where + ": unknown intent " + columns[0]));
            Language language = Language.fromCode(columns[1].trim())
                    .orElseThrow(() -> new IllegalArgumentException(where + ": unknown language " + columns[1]));
            examples.add(new LabelledExample(intent, language, columns[2].trim()));
        }
        return examples;
    }
}
