package no.nora.intents;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntityExtractorTest {
    /** A Wednesday. */
    private static final LocalDate TODAY = LocalDate.of(2025, 11, 19);
    private final EntityExtractor extractor = new EntityExtractor();

    private List<Entity> extract(String text) {
        return extractor.extract(text, TODAY);
    }

    private Object only(String text, String entity) {
        List<Entity> found = extract(text).stream().filter(e -> e.entity().equals(entity)).toList();
        assertThat(found).as("%s in '%s'", entity, text).hasSize(1);
        Entity e = found.get(0);
        assertThat(text.substring(e.start(), e.end())).as("span").isNotBlank();
        return e.value();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "kan jeg betale 500 kr i måneden | 500",
        "kr 1 500,- | 1500",
        "jeg betalte 500,- i går | 500",
        "betalte 1500kr | 1500",
        "1.500 kroner | 1500",
        "NOK 2 000 | 2000",
        "I paid 2500 NOK | 2500",
        "beløpet er kr 99,50 | 99.50",
        "jeg kan betale 400 i måneden | 400",
        "I can pay 300 per month | 300",
    })
    void amounts_in_kroner(String text, String kroner) {
        assertThat(only(text, EntityExtractor.AMOUNT)).isEqualTo(new BigDecimal(kroner));
    }

    @Test
    void amount_span_covers_the_money_expression() {
        String text = "Kan jeg betale kr 1 500,- nå?";
        Entity amount = extract(text).get(0);
        assertThat(text.substring(amount.start(), amount.end())).isEqualTo("kr 1 500,-");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "kan jeg dele det på 6 mnd | 6",
        "nedbetaling over 12 måneder | 12",
        "over seks maaneder | 6",
        "kan jeg betale over et år | 12",
        "nedbetale på ett år | 12",
        "repay over half a year | 6",
        "betale over et halvt år | 6",
        "over halvannet år | 18",
        "two years | 24",
        "spread it over 3 months | 3",
        "eg vil betale over 10 månader | 10",
    })
    void months(String text, int months) {
        assertThat(only(text, EntityExtractor.MONTHS)).isEqualTo(months);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "kan jeg betale 15.12 | 2025-12-15",
        "jeg betalte 03.11 | 2025-11-03",
        "betaler 15.01 | 2026-01-15",
        "15. desember | 2025-12-15",
        "innen 15.12.2026 | 2026-12-15",
        "15/12/26 | 2026-12-15",
        "2026-01-31 | 2026-01-31",
        "by december 15th | 2025-12-15",
        "on the 3rd of january | 2026-01-03",
        "neste fredag | 2025-11-21",
        "next friday | 2025-11-21",
        "kan jeg betale på mandag | 2025-11-24",
        "i morgen | 2025-11-20",
        "I will pay tomorrow | 2025-11-20",
        "imorgen | 2025-11-20",
        "i overmorgen | 2025-11-21",
        "jeg betalte i går | 2025-11-18",
        "paid it yesterday | 2025-11-18",
        "i forgårs | 2025-11-17",
        "betalt i dag | 2025-11-19",
        "om 14 dager | 2025-12-03",
        "in two weeks | 2025-12-03",
        "på lordag | 2025-11-22",
    })
    void dates_are_iso_and_relative_to_today(String text, String iso) {
        assertThat(only(text, EntityExtractor.DATE)).isEqualTo(iso);
    }

    @Test
    void impossible_dates_and_amounts_are_not_dates() {
        assertThat(extract("31.02")).isEmpty();
        assertThat(extract("1.500 kroner")).extracting(Entity::entity).containsExactly(EntityExtractor.AMOUNT);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "1 | 1",
        "2. | 2",
        "nr 2 | 2",
        "nummer tre | 3",
        "den andre | 2",
        "Den første takk | 1",
        "the first one | 1",
        "the second option please | 2",
        "option 3 | 3",
        "andre | 2",
    })
    void choices_are_one_based(String text, int choice) {
        assertThat(only(text, EntityExtractor.CHOICE)).isEqualTo(choice);
    }

    @Test
    void dates_and_amounts_are_not_choices() {
        assertThat(extract("den første desember")).extracting(Entity::entity)
                .doesNotContain(EntityExtractor.CHOICE);
        assertThat(extract("the first of december")).extracting(Entity::entity)
                .doesNotContain(EntityExtractor.CHOICE);
        assertThat(extract("500")).isEmpty();
        assertThat(extract("faktura nr [•••]")).isEmpty();
    }

    @Test
    void several_entities_in_one_message_in_text_order() {
        String text = "Jeg kan betale 500 kr i måneden over 6 mnd fra 15.12";
        assertThat(extract(text)).extracting(Entity::entity).containsExactly(
                EntityExtractor.AMOUNT, EntityExtractor.MONTHS, EntityExtractor.DATE);
    }

    /** Shouted and oddly cased messages find the same: the words each pattern needs are looked for case-blind too. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "KAN JEG BETALE 500 KR I MÅNEDEN | amount | 500",
        "Kan Jeg Betale 400 I Måneden | amount | 400",
        "NEDBETALING OVER SEKS MÅNEDER | months | 6",
        "Over Halvannet ÅR | months | 18",
        "KAN JEG BETALE OM TO UKER | date | 2025-12-03",
        "NESTE FREDAG | date | 2025-11-21",
        "Betalt 15. DESEMBER | date | 2025-12-15",
        "I MORGEN | date | 2025-11-20",
        "DEN ANDRE | choice | 2",
        "NUMMER TRE | choice | 3",
    })
    void entities_are_found_whatever_the_letter_case(String text, String entity, String value) {
        assertThat(String.valueOf(only(text, entity))).isEqualTo(value);
    }
}
