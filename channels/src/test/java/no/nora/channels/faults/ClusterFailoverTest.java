package no.nora.channels.faults;

import static org.assertj.core.api.Assertions.assertThat;

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
        try {
            for (var gateway : gateways) {
                gateway.close();
            }
            twilio.close();
        } finally {
            redis.close();
        }
    }

    @Test
    void aMasterDiesUnderLoadAndNothingAnsweredIsLost() throws Exception {
        var load = new FailoverLoad(gateways);
        load.start(CHATS);
        load.awaitAnswered(200, Duration.ofSeconds(30));

        redis.master(0).kill();
        redis.awaitReplicaPromoted(0, Duration.ofSeconds(30));
        load.awaitAnswered(200, Duration.ofSeconds(60));
        load.stop();
        load.assertEveryInstanceReady();

        var figures = load.checkSms(twilio, load.checkChats());
        System.out.println("Cluster failover: " + figures);
        assertThat(figures.lost()).isZero();
        assertThat(figures.doubled()).isZero();
        assertThat(figures.refused()).as("the failover was noticed").isPositive();
    }
}
