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
     * @param systemCalls    reads and writes this JVM asked of the kernel (Linux; -1 elsewhere): each socket read or
     *                       write is one, so it shows how well work is batched, independent of the machine's speed
     * @param kernelShare    the share of this JVM's CPU time spent in the kernel on its behalf (Linux; -1 elsewhere)
     * @param sleeps         times this JVM's threads went to sleep waiting (voluntary context switches; Linux, -1
     *                       elsewhere): each is a wake-up later, the cost that grows when less is done per pass
     */
    record Result(String name, long requests, long errors, double seconds, Histogram latencyMicros, long cpuMicros,
                  long allocatedBytes, long gcMillis, long systemCalls, double kernelShare, long sleeps) {
        double perSecond() {
            return requests / seconds;
        }

        String line() {
            return String.format("%-34s %9.0f req/s  p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  max %8.2f ms  errors %d/%d"
                            + "  JVM CPU %4.0f µs/req (kernel %2.0f %%)  alloc %3.0f KB/req  GC %4.1f %%  syscalls %4.1f/req"
                            + "  sleeps %4.1f/req",
                    name, perSecond(), ms(50), ms(95), ms(99), latencyMicros.getMaxValue() / 1000.0, errors, requests,
                    cpuMicrosPerRequest(), kernelShare * 100, allocatedBytes / 1024.0 / Math.max(1, requests),
                    gcMillis / (seconds * 10), systemCalls / (double) Math.max(1, requests),
                    sleeps / (double) Math.max(1, requests));
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
    private record Usage(long cpuMicros, long allocatedBytes, long gcMillis, long systemCalls, long userTicks,
                         long kernelTicks, long sleeps) {
        static Usage now() {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
            long[] ticks = procStatTicks();
            return new Usage(os.getProcessCpuTime() / 1000, threads.getTotalThreadAllocatedBytes(), gc,
                    procIoSystemCalls(), ticks[0], ticks[1], voluntarySwitches());
        }

        Result resultUntilNow(String name, long[] counts, double seconds, Histogram histogram) {
            var after = now();
            long user = after.userTicks - userTicks;
            long kernel = after.kernelTicks - kernelTicks;
            return new Result(name, counts[0], counts[1], seconds, histogram, after.cpuMicros - cpuMicros,
                    after.allocatedBytes - allocatedBytes, after.gcMillis - gcMillis,
                    systemCalls < 0 ? -1 : after.systemCalls - systemCalls,
                    userTicks < 0 || user + kernel == 0 ? -1 : kernel / (double) (user + kernel),
                    sleeps < 0 ? -1 : after.sleeps - sleeps);
        }

        /** Read and write system calls so far ({@code syscr + syscw} of /proc/self/io); -1 where there is none. */
        private static long procIoSystemCalls() {
            try {
                long calls = 0;
                for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/io"))) {
                    if (line.startsWith("syscr:") || line.startsWith("syscw:")) {
                        calls += Long.parseLong(line.substring(6).trim());
                    }
                }
                return calls;
            } catch (java.io.IOException | RuntimeException e) {
                return -1;
            }
        }

        /** Voluntary context switches of this JVM's live threads so far; -1 where there is no /proc. */
        private static long voluntarySwitches() {
            try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
                long switches = 0;
                for (var task : tasks.toList()) {
                    try {
                        for (String line : java.nio.file.Files.readAllLines(task.resolve("status"))) {
                            if (line.startsWith("voluntary_ctxt_switches:")) {
                                switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                            }
                        }
                    } catch (java.io.IOException ended) {
                        // The thread ended while we looked.
                    }
                }
                return switches;
            } catch (java.io.IOException | RuntimeException e) {
                return -1;
            }
        }

        /** User and kernel CPU ticks so far (fields 14 and 15 of /proc/self/stat); -1 where there is none. */
        private static long[] procStatTicks() {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
            } catch (java.io.IOException | RuntimeException e) {
                return new long[] {-1, -1};
            }
        }
    }

    static <T> List<T> times(int n, Supplier<T> make) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> make.get()).toList();
    }
}
