package no.nora.intents.bench;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import no.nora.intents.IntentClassifier;
import no.nora.intents.RankedIntent;
import no.nora.intents.Understanding;
import no.nora.redact.RedactedText;
import no.nora.redact.Redactor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Messages per second through {@link IntentClassifier#understand} (intent, language and entities) on one thread,
 * and through the intent model alone.
 * Run: {@code ./mvnw -B -q -pl intents -am test-compile -Dbench=intents}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class UnderstandBenchmark {
    private static final LocalDate TODAY = LocalDate.of(2025, 11, 19);

    private IntentClassifier classifier;
    private List<RedactedText> messages;
    private int next;

    @Setup
    public void setUp() {
        classifier = IntentClassifier.load();
        messages = List.of(
                "KOPI", "betalt", "ja", "Kan jeg få en kopi av fakturaen på mail?",
                "Hei, jeg betalte kr 1 500,- den 15.12, har dere mottatt det?",
                "kan jeg betale 500 kr i måneden over 6 mnd", "Can I pay next friday instead?",
                "Jeg har mistet jobben og har ingen penger, hva gjør jeg nå", "er denne sms-en ekte",
                "hvor mye skylder jeg på saken 12345678").stream().map(Redactor::redact).toList();
    }

    @Benchmark
    public Understanding understand() {
        RedactedText message = messages.get(next++ % messages.size());
        return classifier.understand(message, TODAY);
    }

    /** The intent model alone (no language, no entities): what the classifier's own speed is. */
    @Benchmark
    public List<RankedIntent> rankIntents() {
        RedactedText message = messages.get(next++ % messages.size());
        return classifier.rank(message);
    }
}
