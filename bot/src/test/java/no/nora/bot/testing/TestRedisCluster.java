package no.nora.bot.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Redis Cluster as operators run one, on this machine: three masters, the 16 384 slots split between them, and a
 * replica of each that takes over its master's slots when the master dies (after one second without an answer,
 * {@code cluster-node-timeout}). Close it at the end of the test.
 */
public final class TestRedisCluster implements AutoCloseable {
    private static final int SLOTS = 16_384;

    private final List<RedisProcess> masters;
    private final List<RedisProcess> replicas;

    private TestRedisCluster(List<RedisProcess> masters, List<RedisProcess> replicas) {
        this.masters = masters;
        this.replicas = replicas;
    }

    private static TestRedisCluster shared;

    /** The suite's shared one, never killed; tests using it use fresh ids. */
    public static synchronized TestRedisCluster shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public static TestRedisCluster start() {
        var masters = new ArrayList<RedisProcess>();
        var replicas = new ArrayList<RedisProcess>();
        var config = List.of("cluster-enabled yes", "cluster-config-file nodes.conf", "cluster-node-timeout 1000");
        for (int i = 0; i < 3; i++) {
            masters.add(RedisProcess.start(RedisProcess.freePort(), config, false));
        }
        for (int i = 0; i < 3; i++) {
            replicas.add(RedisProcess.start(RedisProcess.freePort(), config, false));
        }
        var cluster = new TestRedisCluster(masters, replicas);
        var first = masters.get(0);
        cluster.nodes().skip(1).forEach(node -> first.command("CLUSTER", "MEET", "127.0.0.1", String.valueOf(node.port())));
        for (int i = 0; i < 3; i++) {
            masters.get(i).command("CLUSTER", "ADDSLOTSRANGE", String.valueOf(i * SLOTS / 3),
                    String.valueOf((i + 1) * SLOTS / 3 - 1));
        }
        Until.holds("every node knowing the five others", Duration.ofSeconds(30), () -> cluster.nodes()
                .allMatch(node -> ((String) node.command("CLUSTER", "NODES")).strip().lines().count() == 6));
        for (int i = 0; i < 3; i++) {
            replicas.get(i).command("CLUSTER", "REPLICATE", (String) masters.get(i).command("CLUSTER", "MYID"));
        }
        Until.holds("the cluster up with every replica in sync", Duration.ofSeconds(30), () -> cluster.healthy()
                && replicas.stream().allMatch(r -> TestRedisSentinel.info(r).contains("master_link_status:up")));
        return cluster;
    }

    /** {@code REDIS_CLUSTER_NODES}: the masters' URLs as seeds, comma-separated. */
    public String seedUrls() {
        return masters.stream().map(RedisProcess::url).collect(Collectors.joining(","));
    }

    public RedisProcess master(int index) {
        return masters.get(index);
    }

    public RedisProcess replica(int index) {
        return replicas.get(index);
    }

    /** Returns once the replica of master {@code index} serves its slots and every live node says the cluster is ok. */
    public void awaitReplicaPromoted(int index, Duration within) {
        Until.holds("replica " + index + " promoted and the cluster ok", within, () ->
                TestRedisSentinel.info(replicas.get(index)).contains("role:master") && healthy());
    }

    private boolean healthy() {
        return nodes().filter(RedisProcess::alive)
                .allMatch(node -> ((String) node.command("CLUSTER", "INFO")).contains("cluster_state:ok"));
    }

    private Stream<RedisProcess> nodes() {
        return Stream.concat(masters.stream(), replicas.stream());
    }

    @Override
    public void close() {
        nodes().forEach(RedisProcess::kill);
    }
}
