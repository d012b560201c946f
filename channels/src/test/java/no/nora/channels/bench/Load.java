package no.nora.channels.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop (fixed number in flight) and open-loop (fixed rate) load on one event loop of the generator's own
 * Vert.x. Latencies in microseconds; the open loop measures from each request's intended start, so a stalled
 * server cannot hide its backlog (no coordinated omission).
 */
final class Load {
    /** Something that sends one request and completes with its HTTP status (-1 for a failure). */
    interface Sender {
        Future<Integer> send(long[] startedNanos);
    }

    /**
     * @param cpuMicros CPU time this JVM used during the run (gateway, demo case API and load generator together):
     *                  per request a steadier figure than the rate on a shared machine
     * @param allocatedBytes heap allocated by this JVM's threads during the run
     * @param gcMillis       time the collectors reported spending during the run
     */
    record Result(String name, long requests, long errors, double seconds, Histogram latencyMicros, long cpuMicros,
                  long allocatedBytes, long gcMillis) {
        double perSecond() {
            return requests / seconds;
        }

        String line() {
            return String.format("%-34s %9.0f req/s  p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  max %8.2f ms  errors %d/%d"
                            + "  JVM CPU %4.0f µs/req  alloc %3.0f KB/req  GC %4.1f %%", name, perSecond(), ms(50), ms(95), ms(99),
                    latencyMicros.getMaxValue() / 1000.0, errors, requests, cpuMicrosPerRequest(),
                    allocatedBytes / 1024.0 / Math.max(1, requests), gcMillis / (seconds * 10));
        }

        double cpuMicrosPerRequest() {
            return cpuMicros / (double) Math.max(1, requests);
        }

        double ms(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private final Vertx vertx;
    private final Context context;

    Load(Vertx vertx) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
    }

    Result closed(String name, List<Sender> senders, long seconds) throws Exception {
        var done = Promise.<Result>promise();
        context.runOnContext(v -> {
            var histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            long[] counts = new long[2];
            long start = System.nanoTime();
            var before = Usage.now();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            int[] running = {senders.size()};
            for (Sender sender : senders) {
                loop(sender, end, histogram, counts, () -> {
                    if (--running[0] == 0) {
                        done.complete(before.resultUntilNow(name, counts, (System.nanoTime() - start) / 1e9, histogram));
                    }
                });
            }
        });
        return done.future().toCompletionStage().toCompletableFuture().get(seconds + 120, TimeUnit.SECONDS);
    }

    private void loop(Sender sender, long end, Histogram histogram, long[] counts, Runnable finished) {
        long[] started = {0};
        sender.send(started).onComplete(result -> {
            record(histogram, counts, started[0], result.succeeded() ? result.result() : -1);
            if (System.nanoTime() < end) {
                loop(sender, end, histogram, counts, finished);
            } else {
                finished.run();
            }
        });
    }

    /** {@code rate} requests a second for {@code seconds}, spread over the senders (each one request at a time). */
    Result open(String name, List<Sender> senders, int rate, long seconds) throws Exception {
        var done = Promise.<Result>promise();
        context.runOnContext(v -> {
            var histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            long[] counts = new long[2];
            var free = new ArrayDeque<>(senders);
            var due = new ArrayDeque<Long>();
            long start = System.nanoTime();
            var before = Usage.now();
            long total = rate * seconds;
            long[] scheduled = {0};
            long[] completed = {0};
            Runnable[] dispatch = new Runnable[1];
            dispatch[0] = () -> {
                while (!due.isEmpty() && !free.isEmpty()) {
                    Sender sender = free.poll();
                    long[] started = {due.poll()};
                    sender.send(started).onComplete(result -> {
                        record(histogram, counts, started[0], result.succeeded() ? result.result() : -1);
                        free.add(sender);
                        if (++completed[0] == total) {
                            done.complete(before.resultUntilNow(name, counts, (System.nanoTime() - start) / 1e9,
                                    histogram));
                        }
                        dispatch[0].run();
                    });
                }
            };
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            vertx.setPeriodic(1, timer -> {
                long now = System.nanoTime();
                while (scheduled[0] < total && start + scheduled[0] * interval <= now) {
                    due.add(start + scheduled[0]++ * interval);
                }
                if (scheduled[0] >= total) {
                    vertx.cancelTimer(timer);
                }
                dispatch[0].run();
            });
        });
        return done.future().toCompletionStage().toCompletableFuture().get(seconds + 120, TimeUnit.SECONDS);
    }

    private static void record(Histogram histogram, long[] counts, long startedNanos, int status) {
        counts[0]++;
        if (status != 200 && status != 204) {
            counts[1]++;
        }
        histogram.recordValue(Math.max(0, Math.min(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startedNanos),
                histogram.getHighestTrackableValue())));
    }

    /** What this JVM has used so far: CPU, heap allocations, collector time. */
    private record Usage(long cpuMicros, long allocatedBytes, long gcMillis) {
        static Usage now() {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
            return new Usage(os.getProcessCpuTime() / 1000, threads.getTotalThreadAllocatedBytes(), gc);
        }

        Result resultUntilNow(String name, long[] counts, double seconds, Histogram histogram) {
            var after = now();
            return new Result(name, counts[0], counts[1], seconds, histogram, after.cpuMicros - cpuMicros,
                    after.allocatedBytes - allocatedBytes, after.gcMillis - gcMillis);
        }
    }

    static <T> List<T> times(int n, Supplier<T> make) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> make.get()).toList();
    }
}
