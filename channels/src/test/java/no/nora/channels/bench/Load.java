package no.nora.channels.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
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
     */
    record Result(String name, long requests, long errors, double seconds, Histogram latencyMicros, long cpuMicros) {
        double perSecond() {
            return requests / seconds;
        }

        String line() {
            return String.format("%-34s %9.0f req/s  p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  max %8.2f ms  errors %d/%d"
                            + "  JVM CPU %4.0f µs/req", name, perSecond(), ms(50), ms(95), ms(99),
                    latencyMicros.getMaxValue() / 1000.0, errors, requests, cpuMicrosPerRequest());
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
            long cpuStart = processCpuMicros();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            int[] running = {senders.size()};
            for (Sender sender : senders) {
                loop(sender, end, histogram, counts, () -> {
                    if (--running[0] == 0) {
                        done.complete(new Result(name, counts[0], counts[1], (System.nanoTime() - start) / 1e9, histogram,
                                processCpuMicros() - cpuStart));
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
            long cpuStart = processCpuMicros();
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
                            done.complete(new Result(name, counts[0], counts[1], (System.nanoTime() - start) / 1e9,
                                    histogram, processCpuMicros() - cpuStart));
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

    static long processCpuMicros() {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1000;
    }

    static <T> List<T> times(int n, Supplier<T> make) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> make.get()).toList();
    }
}
