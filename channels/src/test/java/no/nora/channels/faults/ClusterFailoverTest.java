package no.nora.channels.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import no.nora.bot.testing.TestRedisCluster;
import no.nora.channels.sms.FakeTwilio;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three gateway instances share a Redis Cluster (three masters, a replica each); one master is killed in the middle
 * of load. Its replica takes over its slots, the gateways follow by themselves, and no chat message answered 200
 * nor SMS acknowledged is lost. Each chat's messages go to the instances in turn, so turn order across instances,
 * shared conversations and the SMS keep are all on the cluster.
 */
class ClusterFailoverTest {
    private static final int CHATS = 24;

    private TestRedisCluster redis;
    private FakeTwilio twilio;
    private final List<RunningGateway> gateways = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        redis = TestRedisCluster.start();
        twilio = new FakeTwilio();
        for (int i = 0; i < 3; i++) {
            var env = FailoverLoad.gatewayEnv(twilio);
            env.put("REDIS_CLUSTER_NODES", redis.seedUrls());
            gateways.add(RunningGateway.start(env));
        }
    }

    @AfterEach
    void stop() throws Exception {
        FailoverLoad.close(gateways, twilio, redis);
    }

    @Test
    void aMasterDiesUnderLoadAndNothingAnsweredIsLost() throws Exception {
        FailoverLoad.survives("Cluster failover", gateways, twilio, CHATS, () -> {
            redis.master(0).kill();
            redis.awaitReplicaPromoted(0, Duration.ofSeconds(30));
        });
    }
}
