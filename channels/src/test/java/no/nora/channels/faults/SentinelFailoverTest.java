package no.nora.channels.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import no.nora.bot.testing.TestRedisSentinel;
import no.nora.channels.sms.FakeTwilio;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis behind Sentinel loses its master in the middle of load (killed): the sentinels promote the replica, the
 * gateways find it by themselves, and no chat message answered 200 nor SMS acknowledged is lost.
 */
class SentinelFailoverTest {
    private static final int CHATS = 16;

    private TestRedisSentinel redis;
    private FakeTwilio twilio;
    private final List<RunningGateway> gateways = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        redis = TestRedisSentinel.start();
        twilio = new FakeTwilio();
        for (int i = 0; i < 2; i++) {
            var env = FailoverLoad.gatewayEnv(twilio);
            env.put("REDIS_SENTINELS", redis.sentinelUrls());
            env.put("REDIS_MASTER_NAME", TestRedisSentinel.MASTER_NAME);
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
    void theMasterDiesUnderLoadAndNothingAnsweredIsLost() throws Exception {
        var load = new FailoverLoad(gateways);
        load.start(CHATS);
        load.awaitAnswered(200, Duration.ofSeconds(30));

        redis.killMaster();
        redis.awaitReplicaPromoted(Duration.ofSeconds(30));
        load.awaitAnswered(200, Duration.ofSeconds(60));
        load.stop();
        load.assertEveryInstanceReady();

        var figures = load.checkSms(twilio, load.checkChats());
        System.out.println("Sentinel failover: " + figures);
        assertThat(figures.lost()).isZero();
        assertThat(figures.doubled()).isZero();
        assertThat(figures.refused()).as("the failover was noticed").isPositive();
    }
}
