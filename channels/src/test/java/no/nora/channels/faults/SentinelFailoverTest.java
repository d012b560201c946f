package no.nora.channels.faults;

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
        FailoverLoad.close(gateways, twilio, redis);
    }

    @Test
    void theMasterDiesUnderLoadAndNothingAnsweredIsLost() throws Exception {
        FailoverLoad.survives("Sentinel failover", gateways, twilio, CHATS, () -> {
            redis.killMaster();
            redis.awaitReplicaPromoted(Duration.ofSeconds(30));
        });
    }
}
