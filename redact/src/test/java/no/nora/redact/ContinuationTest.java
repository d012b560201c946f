package no.nora.redact;

import static no.nora.redact.Redactor.PLACEHOLDER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ContinuationTest {
    private static final String P = PLACEHOLDER;

    private static Continuation continuation(String previous, String next) {
        return Redactor.continuation(Redactor.redact(previous), Redactor.redact(next));
    }

    @Test
    void numberSplitOverTwoMessagesIsRemovedFromBoth() {
        var result = continuation("Fnr er 179120", "99997 takk");
        assertThat(result.joined()).isTrue();
        assertThat(result.previous().text()).isEqualTo("Fnr er " + P);
        assertThat(result.next().text()).isEqualTo(P + " takk");
        assertThat(result.previous().redactions()).isEqualTo(1);
        assertThat(result.next().wasRedacted()).isTrue();
    }

    @Test
    void onlyTheDigitsAtTheSeamAreJoined() {
        var result = continuation("Saksnr 123 og 1791", "20-99 ok og 12");
        assertThat(result.previous().text()).isEqualTo("Saksnr 123 og " + P);
        assertThat(result.next().text()).isEqualTo(P + " ok og 12");
    }

    @Test
    void separatorsAtTheSeamAreKept() {
        var result = continuation("tlf: 987 65 ", " 432.");
        assertThat(result.previous().text()).isEqualTo("tlf: " + P + " ");
        assertThat(result.next().text()).isEqualTo(" " + P + ".");
    }

    @Test
    void theSeamCountsAsOneSeparator() {
        // two trailing plus the seam plus one leading: four, the run ends
        var apart = continuation("179120 -", " 99997");
        assertThat(apart.joined()).isFalse();
        var together = continuation("179120 -", "99997");
        assertThat(together.joined()).isTrue();
    }

    @Test
    void shortTogetherOrNotTouchingStaysAsItWas() {
        var previous = Redactor.redact("Saksnr 1234");
        var next = Redactor.redact("56 er riktig");
        var result = Redactor.continuation(previous, next);
        assertThat(result.joined()).isFalse();
        assertThat(result.previous()).isSameAs(previous);
        assertThat(result.next()).isSameAs(next);

        assertThat(continuation("Saksnr 123456 takk", "1234567").joined()).isFalse();
        assertThat(continuation("123456", "takk 7").joined()).isFalse();
    }

    @Test
    void alreadyRedactedPartsDoNotJoin() {
        var result = continuation("fnr 17912099997", "123");
        assertThat(result.joined()).isFalse();
        assertThat(result.previous().text()).isEqualTo("fnr " + P);
    }

    @Test
    void aDateFollowedByDigitsIsJoined() {
        var result = continuation("Jeg betaler 15.12.2026", "1");
        assertThat(result.joined()).isTrue();
        assertThat(result.previous().text()).isEqualTo("Jeg betaler " + P);
        assertThat(result.next().text()).isEqualTo(P);
    }

    @Test
    void unicodeDigitsAndInvisibleCharactersAtTheSeam() {
        var result = continuation("１７９１２０\u200B", "\u2060❾❾❾❾7\uFE0F\u20E3!");
        assertThat(result.previous().text()).isEqualTo(P + "\u200B");
        assertThat(result.next().text()).isEqualTo("\u2060" + P + "!");
    }

    @Test
    void nothingForbiddenRemainsInEitherPart() {
        var result = continuation("1 7 9", "1 2 0 9");
        assertThat(result.joined()).isTrue();
        assertThat(Redactor.containsForbiddenRun(result.previous().text() + "\n" + result.next().text())).isFalse();
    }

    private static List<String> across(String... messages) {
        return Redactor.acrossMessages(Stream.of(messages).map(Redactor::redact).toList()).stream()
            .map(RedactedText::text).toList();
    }

    @Test
    void numberDrippedOverManyMessagesIsRemovedFromEach() {
        assertThat(across("hei", "179", "120", "999", "97 ok")).containsExactly("hei", P, P, P, P + " ok");
    }

    /** Issue 18: one digit per message, eleven messages, with chat before it that the run does not reach. */
    @Test
    void aNumberTypedOneDigitPerMessageIsRemovedFromEveryMessage() {
        var messages = new ArrayList<String>(List.of("hei", "saksnr 12"));
        messages.add("takk, fnr kommer");
        "1 7 9 1 2 0 9 9 9 9 7".chars().filter(c -> c != ' ').forEach(c -> messages.add(Character.toString(c)));
        var result = across(messages.toArray(String[]::new));
        assertThat(result.subList(0, 3)).containsExactly("hei", "saksnr 12", "takk, fnr kommer");
        assertThat(result.subList(3, result.size())).hasSize(11).containsOnly(P);
    }

    @Test
    void aMessageOfSeparatorsInsideTheRunIsKept() {
        assertThat(across("179120", "-", "99997")).containsExactly(P, "-", P);
    }

    @Test
    void oneMessageCanLoseItsStartAndItsEnd() {
        assertThat(across("179120", "9 og 99999", "97")).containsExactly(P, P + " og " + P, P);
    }

    @Test
    void unchangedMessagesAreTheSameInstances() {
        var messages = List.of(Redactor.redact("Saksnr 123"), Redactor.redact("takk"), Redactor.redact("4567"));
        var result = Redactor.acrossMessages(messages);
        for (int i = 0; i < messages.size(); i++) {
            assertThat(result.get(i)).isSameAs(messages.get(i));
        }
        assertThat(Redactor.acrossMessages(List.of())).isEmpty();
    }
}
