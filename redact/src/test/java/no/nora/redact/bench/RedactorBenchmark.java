package no.nora.redact.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import no.nora.redact.RedactedText;
import no.nora.redact.Redactor;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of {@link Redactor#redact(String)} on chat and SMS text. One operation redacts a whole corpus of
 * messages; the {@code bytesRedacted} counter is the UTF-8 bytes of text redacted per second (divide by 10^6 for MB/s).
 *
 * <p>Run: {@code ./mvnw -B -q -pl redact -am test-compile -Dbench=redact}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class RedactorBenchmark {
    private static final String[] PLAIN = {
        "Hei, jeg har fått et inkassovarsel fra dere og lurer på hva dette gjelder?",
        "Kan jeg få en kopi av fakturaen på e-post?",
        "Hello, I received a letter from you. Is this real or a scam?",
        "Takk for hjelpen!",
        "Jeg klarer ikke å betale alt nå. Kan jeg dele det opp i flere avdrag?",
        "Hvorfor har beløpet økt siden forrige brev?",
        "Når har dere åpent i dag?",
        "ok",
        "Ja takk",
        "Jeg har allerede betalt 😊 kan dere sjekke?",
        "Vennligst ring meg tilbake så snart som mulig.",
        "Eg har betalt, kan de sjå om pengane har kome inn?",
        "I lost my job last month and need more time to pay, what are my options?",
        "Fikk SMS om purring, men jeg har ikke fått noen faktura. Hva skjer nå?",
        "Kan jeg snakke med et menneske?",
        "Nei",
        "Hva er saldoen min?",
        "Jeg er uenig i kravet og vil klage.",
    };
    private static final String[] SHORT_NUMBERS = {
        "Jeg kan betale 1 500 kr i måneden fra 15.12.2026.",
        "Betalte 2 340,50 kr den 3.11.2026, har det kommet inn?",
        "Kan dere ringe meg kl. 14.30 i morgen?",
        "Saksnr 123456 – hva er restbeløpet?",
        "Jeg bor i Postnr 0150 Oslo nå, ikke Bergen.",
        "Can I pay 500 kr on 2026-12-15 and the rest in January?",
        "Fristen var 15.12.26, jeg ber om utsettelse til 1.2.2027.",
    };
    private static final String[] LONG_NUMBERS = {
        "Fødselsnummeret mitt er 17912099997",
        "Kontonr 1234.56.78903, kan dere sjekke innbetalingen?",
        "Ring meg på +47 412 34 567 etter kl. 16",
        "KID: 20241105001235 betalt i går",
        "My ID is 179120 99997, please check",
    };

    /** {@code chat}: the realistic mix; {@code numbers}: every message holds digits, half of them a number to remove. */
    @Param({"chat", "numbers"})
    public String mix;

    private String[] messages;
    private long corpusBytes;

    /** Bytes of text redacted, reported per second by JMH: divide by 10^6 for MB/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {
        public long bytesRedacted;

        @Setup(Level.Iteration)
        public void reset() {
            bytesRedacted = 0;
        }
    }

    /**
     * 2,000 messages. The chat mix: about 70 % without digits, 20 % with amounts, times and dates, 10 % with numbers
     * to remove.
     */
    @Setup
    public void corpus() {
        var random = new Random(20261122L);
        List<String> list = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int kind = mix.equals("chat") ? random.nextInt(100) : (random.nextBoolean() ? 80 : 95);
            String[] pool = kind < 70 ? PLAIN : kind < 90 ? SHORT_NUMBERS : LONG_NUMBERS;
            // Fresh String instances, as each message arrives from the network.
            list.add(new String(pool[random.nextInt(pool.length)].toCharArray()));
        }
        messages = list.toArray(String[]::new);
        corpusBytes = list.stream().mapToLong(m -> m.getBytes(StandardCharsets.UTF_8).length).sum();
    }

    @Benchmark
    public void redact(Throughput throughput, Blackhole blackhole) {
        for (String message : messages) {
            RedactedText redacted = Redactor.redact(message);
            blackhole.consume(redacted);
        }
        throughput.bytesRedacted += corpusBytes;
    }
}
