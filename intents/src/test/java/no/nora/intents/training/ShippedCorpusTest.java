package no.nora.intents.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.List;
import no.nora.intents.Intent;
import no.nora.intents.Language;
import org.junit.jupiter.api.Test;

class ShippedCorpusTest {
    @Test
    void the_jar_carries_the_lines_the_build_trains_on_in_the_same_order() {
        List<LabelledExample> shipped = ShippedCorpus.read();

        assertThat(shipped).isEqualTo(Corpus.read(Path.of("corpus")));
        assertThat(shipped).extracting(LabelledExample::intent).contains(Intent.values());
    }

    @Test
    void corpus_lines_parse_the_same_from_a_file_or_the_jar_and_a_bad_one_names_its_place() {
        List<String> lines = List.of("# comment", "", "invoice_copy\tnb\tkopi takk ", "invoice_copy\tsv\tkopia tack");

        assertThat(Corpus.parse("invoice_copy.tsv", lines.subList(0, 3)))
                .containsExactly(new LabelledExample(Intent.INVOICE_COPY, Language.NB, "kopi takk"));
        assertThatIllegalArgumentException().isThrownBy(() -> Corpus.parse("invoice_copy.tsv", lines))
                .withMessage("invoice_copy.tsv:4: unknown language sv");
    }
}
