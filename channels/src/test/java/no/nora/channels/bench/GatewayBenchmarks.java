package no.nora.channels.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nora.bot.testing.TestRedis;
import no.nora.bot.testing.TestRedisCluster;
import no.nora.bot.testing.TestRedisSentinel;
import no.nora.channels.Gateway;
import no.nora.channels.config.GatewayConfig;
import no.nora.channels.sms.FakeTwilio;
import no.nora.channels.sms.TwilioSignature;

/**
 * The gateway's benchmarks, run on purpose (never by {@code verify}):
 * {@code ./mvnw -B -q -o -pl channels -am test-compile -Pgateway-bench -Dbench=load|sms|redis|sockets}.
 * Everything runs on loopback; Redis is the embedded test Redis unless {@code REDIS_URL} is set.
 */
public final class GatewayBenchmarks {
    private static final String PUBLIC_URL = "https://nora.example.no";
    private static final String TWILIO_TOKEN = "bench-auth-token";

    private GatewayBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "load" : args[0];
        System.out.println("CPU: " + cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
        try {
            switch (which) {
                case "load" -> load(Integer.getInteger("seconds", 10));
                case "sms" -> sms(Integer.getInteger("rate", 2000), Integer.getInteger("seconds", 10));
                case "redis" -> redisBytes(Integer.getInteger("conversations", 1000));
                case "sockets" -> sockets(Integer.getInteger("sockets", 10_000));
                case "socket-clients" -> SocketClients.main(java.util.Arrays.copyOfRange(args, 1, args.length));
                default -> throw new IllegalArgumentException("bench must be load, sms, redis or sockets");
            }
        } catch (Exception e) {
            // Vert.x's threads would keep a failed run alive.
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    // ---- the full message path, the floor and the ceiling ----

    static void load(int seconds) throws Exception {
        var gateway = gateway(Map.of());
        var ceiling = Ceiling.start();
        var client = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        var http = client.createHttpClient();
        var tokens = List.of(demoToken(http, gateway.port(), "d-1001"), demoToken(http, gateway.port(), "d-1002"),
                demoToken(http, gateway.port(), "d-1003"));
        // The load itself goes through HttpWire: the generator shares the two cores, so it should cost them little.
        var net = client.createNetClient();
        var conversations = new Conversations(new HttpWire.Pool(net, gateway.port()), tokens);
        var load = new Load(client);
        Buffer ceilingBody = new JsonObject().put("text", "kan jeg få en kopi av fakturaen?").put("clientMessageId", "m-1")
                .toBuffer();
        var toCeilingPool = new HttpWire.Pool(net, ceiling.actualPort());
        Load.Sender toCeiling = started -> {
            started[0] = started[0] == 0 ? System.nanoTime() : started[0];
            return toCeilingPool.postJson("/message", null, ceilingBody).map(HttpWire.Answer::status);
        };

        // The floor only on the standalone Redis: its own client is a plain one, not the gateway's cluster-aware one.
        boolean withFloor = "redis".equals(System.getProperty("store", "redis"));
        var toFloorPool = withFloor ? new HttpWire.Pool(net, Floor.start(new RedisOptions()
                .setConnectionString(TestRedis.shared().connectionString()))) : null;
        int[] floorSlots = {0};

        System.out.println("warm-up …");
        load.closed("warm-up gateway", Load.times(64, () -> sender(conversations.slot())), warmUpSeconds());
        load.closed("warm-up ceiling", Load.times(64, () -> toCeiling), 3);
        if (withFloor) {
            load.closed("warm-up floor", Load.times(64, () -> toFloor(toFloorPool, floorSlots[0]++)),
                    Math.min(10, warmUpSeconds()));
        }

        var results = new ArrayList<Load.Result>();
        double best = 0;
        double bestCeiling = 0;
        Load.Result bestFull = null;
        Load.Result bestFloor = null;
        for (int inFlight : java.util.Arrays.stream(System.getProperty("inflight", "16,64,256").split(","))
                .mapToInt(Integer::parseInt).toArray()) {
            var full = load.closed("full path, " + inFlight + " in flight", Load.times(inFlight,
                    () -> sender(conversations.slot())), seconds);
            var top = load.closed("ceiling, " + inFlight + " in flight", Load.times(inFlight, () -> toCeiling), seconds);
            results.add(full);
            results.add(top);
            System.out.println(full.line());
            System.out.println(top.line());
            System.out.printf("  ratio full path / ceiling at %d in flight: %.2f%n", inFlight, full.perSecond() / top.perSecond());
            if (withFloor) {
                var floor = load.closed("floor, " + inFlight + " in flight", Load.times(inFlight,
                        () -> toFloor(toFloorPool, floorSlots[0]++)), seconds);
                results.add(floor);
                System.out.println(floor.line());
                System.out.printf("  full path / floor at %d in flight: rate %.2f, JVM CPU per message %.2f%n", inFlight,
                        full.perSecond() / floor.perSecond(), full.cpuMicrosPerRequest() / floor.cpuMicrosPerRequest());
                if (bestFloor == null || floor.perSecond() > bestFloor.perSecond()) {
                    bestFloor = floor;
                }
            }
            if (bestFull == null || full.perSecond() > bestFull.perSecond()) {
                bestFull = full;
            }
            best = Math.max(best, full.perSecond());
            bestCeiling = Math.max(bestCeiling, top.perSecond());
        }
        int half = (int) Math.max(100, best / 2);
        // The same debtors for a while first, unmeasured: fresh ones would all open their chat in the phase's first
        // half second (twice the rate, and the heavier requests), and p99 would measure that burst, not the rate.
        var debtors = Load.times(2000, () -> sender(conversations.slot()));
        load.open("full path, fixed, before measuring", debtors, half, 5);
        var fixed = load.open("full path, fixed " + half + "/s", debtors, half, seconds);
        System.out.println(fixed.line());
        System.out.printf("%nSUMMARY full path max %.0f msgs/s, ceiling max %.0f req/s, ratio %.2f; at %d msgs/s: p99 %.2f ms,"
                + " errors %d%n", best, bestCeiling, best / bestCeiling, half, fixed.ms(99), fixed.errors());
        if (bestFloor != null) {
            System.out.printf("SUMMARY floor max %.0f msgs/s (%.0f µs JVM CPU each); full path / floor: rate %.2f,"
                            + " JVM CPU per message %.2f (each at its best rate)%n", bestFloor.perSecond(),
                    bestFloor.cpuMicrosPerRequest(), bestFull.perSecond() / bestFloor.perSecond(),
                    bestFull.cpuMicrosPerRequest() / bestFloor.cpuMicrosPerRequest());
        }
        // INFO reaches one server: Redis's figures are the whole store's only on one server.
        if (gateway.bot().redis().isPresent() && "redis".equals(System.getProperty("store", "redis"))) {
            System.out.println("Redis commands per message: " + redisCommandsPerMessage(gateway, conversations, load));
        }
    }

    /** Load before the measured runs (-Dbench.warmup): the figures are for a gateway that has been running a while. */
    private static int warmUpSeconds() {
        return Integer.getInteger("warmup", 90);
    }

    private static Load.Sender sender(Conversations.Slot slot) {
        return slot::sendNext;
    }

    /**
     * One debtor of the floor: the debtors' scripts' messages in turn, a new conversation every four, like the
     * gateway's debtors (who start one per script).
     */
    private static Load.Sender toFloor(HttpWire.Pool floor, int slot) {
        var texts = Conversations.SCRIPTS.stream().flatMap(List::stream).toList();
        int[] sent = {0};
        return started -> {
            int n = sent[0]++;
            var body = new JsonObject().put("text", texts.get(n % texts.size())).put("clientMessageId", "m-" + n)
                    .toBuffer();
            started[0] = started[0] == 0 ? System.nanoTime() : started[0];
            return floor.postJson("/conversations/s" + slot + "-" + n / 4 + "/messages", null, body)
                    .map(HttpWire.Answer::status);
        };
    }

    /** Counts the commands Redis executed (INFO commandstats) and the CPU it used over 500 messages at 16 in flight. */
    private static String redisCommandsPerMessage(Gateway gateway, Conversations conversations, Load load)
            throws Exception {
        var redis = gateway.bot().redis().orElseThrow();
        long before = info(redis, "stats", "total_commands_processed");
        double cpuBefore = redisCpuSeconds(redis);
        var run = load.closed("count", Load.times(16, () -> sender(conversations.slot())), 3);
        long after = info(redis, "stats", "total_commands_processed");
        double cpu = redisCpuSeconds(redis) - cpuBefore;
        return String.format("%.1f (%d commands / %d messages, session starts included); Redis CPU %.0f µs per message,"
                        + " JVM CPU %.0f µs per message", (after - before) / (double) run.requests(), after - before,
                run.requests(), cpu * 1e6 / run.requests(), run.cpuMicrosPerRequest());
    }

    private static double redisCpuSeconds(Redis redis) throws Exception {
        return Double.parseDouble(infoValue(redis, "cpu", "used_cpu_user"))
                + Double.parseDouble(infoValue(redis, "cpu", "used_cpu_sys"));
    }

    private static long info(Redis redis, String section, String field) throws Exception {
        return Long.parseLong(infoValue(redis, section, field));
    }

    private static String infoValue(Redis redis, String section, String field) throws Exception {
        String info = await(redis.send(Request.cmd(Command.INFO).arg(section))).toString();
        for (String line : info.split("\\r?\\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        throw new IllegalStateException("no " + field + " in INFO " + section);
    }

    // ---- SMS webhook acknowledgements ----

    static void sms(int rate, int seconds) throws Exception {
        var twilio = FakeTwilio.counting();
        var gateway = gateway(no.nora.channels.testing.RealSettings.merged(
                no.nora.channels.testing.RealSettings.twilio(TWILIO_TOKEN),
                Map.of("TWILIO_API_BASE", twilio.baseUrl(), "PUBLIC_URL", PUBLIC_URL)));
        var client = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        var wires = new HttpWire.Pool(client.createNetClient(), gateway.port());
        var load = new Load(client);
        int[] n = {0};
        Load.Sender webhook = started -> {
            int i = n[0]++;
            var params = new LinkedHashMap<String, String>();
            params.put("MessageSid", String.format("SM%016x%016x", Double.doubleToLongBits(Math.random()), (long) i));
            params.put("AccountSid", no.nora.channels.testing.RealSettings.TWILIO_ACCOUNT_SID);
            params.put("From", "+4795" + String.format("%06d", i % 5000));
            params.put("To", "+4759440000");
            params.put("Body", i % 3 == 0 ? "hei" : i % 3 == 1 ? "hva skylder jeg" : "takk");
            var form = new StringBuilder();
            params.forEach((k, v) -> form.append(form.length() == 0 ? "" : "&").append(k).append('=')
                    .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
            String signature = TwilioSignature.sign(TWILIO_TOKEN, PUBLIC_URL + "/sms/twilio/inbound", params);
            started[0] = started[0] == 0 ? System.nanoTime() : started[0];
            return wires.post("/sms/twilio/inbound", "application/x-www-form-urlencoded",
                            TwilioSignature.HEADER + ": " + signature + "\r\n", Buffer.buffer(form.toString()))
                    .map(HttpWire.Answer::status);
        };
        System.out.println("warm-up …");
        // At full rate, and long enough for the JIT: a cold compiler takes a core of its own for seconds.
        load.open("warm-up", Load.times(256, () -> webhook), rate, warmUpSeconds());
        var redis = gateway.bot().redis().orElseThrow();
        long commandsBefore = info(redis, "stats", "total_commands_processed");
        double redisCpuBefore = redisCpuSeconds(redis);
        var result = load.open("SMS webhook ack, " + rate + "/s", Load.times(256, () -> webhook), rate, seconds);
        System.out.println(result.line());
        System.out.printf("%nSUMMARY SMS webhook ack at %d/s: p50 %.2f ms, p99 %.2f ms, errors %d%n", rate, result.ms(50),
                result.ms(99), result.errors());
        // Turns and replies still under way when the run ends are counted with it: a figure per message, not exact.
        System.out.printf("Per SMS (turn and reply included): %.1f Redis commands, Redis CPU %.0f µs, JVM CPU %.0f µs"
                        + " (gateway, fake Twilio and load generator)%n",
                (info(redis, "stats", "total_commands_processed") - commandsBefore) / (double) result.requests(),
                (redisCpuSeconds(redis) - redisCpuBefore) * 1e6 / result.requests(), result.cpuMicrosPerRequest());
        System.out.printf("Replies Twilio accepted so far: %d, for %d webhooks (warm-up included)%n", twilio.accepted(), n[0]);
        var metrics = gateway.metrics();
        System.out.printf("Store retries: %.0f, taken over from silent instances: %.0f%n",
                metrics.counter("nora.sms.inbound.retries").count(),
                metrics.counter("nora.sms.inbound.taken.over").count());
        twilio.close();
    }

    // ---- Redis bytes per conversation of ten messages ----

    static void redisBytes(int count) throws Exception {
        var gateway = gateway(Map.of());
        var client = Vertx.vertx();
        var http = client.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(64));
        var tokens = List.of(demoToken(http, gateway.port(), "d-1001"));
        var redis = gateway.bot().redis().orElseThrow();
        long total = 0;
        long totalMessages = 0;
        var ids = new ArrayList<String>();
        // Welcome + privacy notice, then four turns of one message and one reply each: ten messages.
        var script = List.of("hei", "takk", "har dere mottatt betalingen min?", "takk for hjelpen");
        var batch = new ArrayList<Future<String>>();
        for (int i = 0; i < count; i++) {
            batch.add(conversation(http, gateway.port(), tokens.get(0), script));
            if (batch.size() == 64) {
                for (var f : batch) {
                    ids.add(await(f));
                }
                batch.clear();
            }
        }
        for (var f : batch) {
            ids.add(await(f));
        }
        var perKey = new HashMap<String, Long>();
        for (String id : ids) {
            for (String suffix : new String[] {"st", "m", "t"}) {
                var bytes = await(redis.send(Request.cmd(Command.MEMORY).arg("USAGE").arg("{conv:" + id + "}:" + suffix)
                        .arg("SAMPLES").arg(0)));
                long b = bytes == null ? 0 : bytes.toLong();
                total += b;
                perKey.merge(suffix, b, Long::sum);
            }
            totalMessages += await(redis.send(Request.cmd(Command.LLEN).arg("{conv:" + id + "}:m"))).toLong();
        }
        System.out.printf("%nSUMMARY Redis bytes per conversation: %.0f (state %.0f, messages %.0f, turns %.0f),"
                        + " %.1f messages each, over %d conversations%n", total / (double) ids.size(),
                perKey.get("st") / (double) ids.size(), perKey.get("m") / (double) ids.size(),
                perKey.get("t") / (double) ids.size(), totalMessages / (double) ids.size(), ids.size());
    }

    private static Future<String> conversation(HttpClient http, int port, String myPage, List<String> script) {
        return post(http, port, "/api/chat/sessions", myPage, new JsonObject()).compose(started -> {
            String id = started.getString("conversationId");
            String token = started.getString("token");
            Future<JsonObject> chain = Future.succeededFuture();
            int k = 0;
            for (String text : script) {
                String key = "k" + k++;
                chain = chain.compose(v -> post(http, port, "/api/chat/sessions/" + id + "/messages", token,
                        new JsonObject().put("text", text).put("clientMessageId", key)));
            }
            return chain.map(id);
        });
    }

    // ---- heap with open chat WebSockets ----

    static void sockets(int count) throws Exception {
        var gateway = gateway(Map.of());
        var client = Vertx.vertx();
        var http = client.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(64));
        var file = java.nio.file.Files.createTempFile("nora-sockets", ".txt");
        var lines = new ArrayList<String>();
        var pending = new ArrayList<Future<JsonObject>>();
        for (int i = 0; i < count; i++) {
            pending.add(post(http, gateway.port(), "/api/chat/sessions", null, new JsonObject()));
            if (pending.size() == 64 || i == count - 1) {
                for (var f : pending) {
                    var json = await(f);
                    lines.add(json.getString("conversationId") + " " + json.getString("token"));
                }
                pending.clear();
            }
        }
        java.nio.file.Files.write(file, lines);
        long before = usedHeapAfterGc();
        System.out.printf("heap used after GC with %d conversations and no sockets: %.1f MB%n", count, before / 1e6);
        // The clients run in a process of their own, so their memory is not counted here.
        var child = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), GatewayBenchmarks.class.getName(),
                "socket-clients", Integer.toString(gateway.port()), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()));
        String line;
        String opened = null;
        while ((line = out.readLine()) != null) {
            System.out.println("  clients: " + line);
            if (line.startsWith("OPEN ")) {
                opened = line;
                break;
            }
        }
        long with = usedHeapAfterGc();
        child.getOutputStream().close();
        child.waitFor(30, TimeUnit.SECONDS);
        System.out.printf("%nSUMMARY gateway heap used after GC: %.1f MB with %s chat WebSockets open (%.1f MB before;"
                + " %.1f KB per socket)%n", with / 1e6, opened, before / 1e6, (with - before) / 1024.0 / count);
    }

    private static long usedHeapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    // ---- shared ----

    private static Gateway gateway(Map<String, String> extra) throws Exception {
        var env = new HashMap<String, String>();
        env.put("PORT", "0");
        switch (System.getProperty("store", "redis")) {
            case "memory" -> { }
            // The suite's shared servers: a cluster of three masters with replicas, or a master behind sentinels.
            case "cluster" -> env.put("REDIS_CLUSTER_NODES", TestRedisCluster.shared().seedUrls());
            case "sentinel" -> {
                env.put("REDIS_SENTINELS", TestRedisSentinel.shared().sentinelUrls());
                env.put("REDIS_MASTER_NAME", TestRedisSentinel.MASTER_NAME);
            }
            default -> env.put("REDIS_URL", TestRedis.shared().connectionString());
        }
        env.put("AGENT_HOURS", "always");
        env.put("CHAT_REQUESTS_PER_ADDRESS_PER_MINUTE", "1000000000");
        env.putAll(extra);
        return Gateway.start(GatewayConfig.from(env)).get(60, TimeUnit.SECONDS);
    }

    private static String demoToken(HttpClient http, int port, String debtorId) throws Exception {
        return await(post(http, port, "/demo/login", null, new JsonObject().put("debtorId", debtorId))).getString("token");
    }

    private static Future<JsonObject> post(HttpClient http, int port, String path, String bearer, JsonObject body) {
        var options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port).setURI(path)
                .putHeader("Content-Type", "application/json");
        if (bearer != null) {
            options.putHeader("Authorization", "Bearer " + bearer);
        }
        return http.request(options).compose(r -> r.send(body.toBuffer()).compose(res -> res.body().map(b -> {
            if (res.statusCode() >= 300) {
                throw new IllegalStateException(path + ": " + res.statusCode() + " " + b);
            }
            return b.toJsonObject();
        })));
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static String cpu() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse("unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
