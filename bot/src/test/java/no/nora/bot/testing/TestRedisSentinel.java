package no.nora.bot.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Sentinel group as operators run one, on this machine: a master, a replica, and three sentinels that agree (two
 * of three) when the master is down and promote the replica. Sentinels decide within about two seconds of a
 * master's death (down after one second without an answer). Close it at the end of the test.
 */
public final class TestRedisSentinel implements AutoCloseable {
    public static final String MASTER_NAME = "nora-master";

    private final RedisProcess master;
    private final RedisProcess replica;
    private final List<RedisProcess> sentinels;

    private TestRedisSentinel(RedisProcess master, RedisProcess replica, List<RedisProcess> sentinels) {
        this.master = master;
        this.replica = replica;
        this.sentinels = sentinels;
    }

    private static TestRedisSentinel shared;

    /** The suite's shared one, never killed; tests using it use fresh ids. */
    public static synchronized TestRedisSentinel shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public static TestRedisSentinel start() {
        var master = RedisProcess.start(RedisProcess.freePort(), List.of(), false);
        var replica = RedisProcess.start(RedisProcess.freePort(), List.of("replicaof 127.0.0.1 " + master.port()), false);
        var sentinels = new ArrayList<RedisProcess>();
        for (int i = 0; i < 3; i++) {
            sentinels.add(RedisProcess.start(RedisProcess.freePort(), List.of(
                    "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master.port() + " 2",
                    "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                    "sentinel failover-timeout " + MASTER_NAME + " 5000"), true));
        }
        var group = new TestRedisSentinel(master, replica, sentinels);
        Until.holds("the replica in sync", Duration.ofSeconds(20), () -> info(replica).contains("master_link_status:up"));
        // Sentinels find the replica through the master and each other through hello messages (every 2 s).
        Until.holds("every sentinel knowing the replica and the two other sentinels", Duration.ofSeconds(30), () ->
                sentinels.stream().allMatch(s -> ((List<?>) s.command("SENTINEL", "REPLICAS", MASTER_NAME)).size() == 1
                        && ((List<?>) s.command("SENTINEL", "SENTINELS", MASTER_NAME)).size() == 2));
        return group;
    }

    /** {@code REDIS_SENTINELS}: the sentinels' URLs, comma-separated. */
    public String sentinelUrls() {
        return sentinels.stream().map(RedisProcess::url).collect(Collectors.joining(","));
    }

    public RedisProcess master() {
        return master;
    }

    public RedisProcess replica() {
        return replica;
    }

    /** Kills the master (SIGKILL): the sentinels have to notice and promote the replica. */
    public void killMaster() {
        master.kill();
    }

    /** Returns once a majority of sentinels name the former replica as the master. */
    public void awaitReplicaPromoted(Duration within) {
        Until.holds("the sentinels promoting the replica", within, () -> sentinels.stream()
                .filter(s -> String.valueOf(replica.port()).equals(
                        ((List<?>) s.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME)).get(1)))
                .count() >= 2);
    }

    @Override
    public void close() {
        sentinels.forEach(RedisProcess::kill);
        replica.kill();
        master.kill();
    }

    static String info(RedisProcess server) {
        return (String) server.command("INFO", "replication");
    }
}
