package no.nora.channels.attacks;

import static no.nora.channels.attacks.SettingsMatrixTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import no.nora.channels.testing.RunningGateway;
import org.junit.jupiter.api.Test;

/**
 * Behind the proxy the README expects, every debtor arrives from the proxy's address: with it in TRUSTED_PROXIES each
 * debtor has a limit of their own (by X-Forwarded-For); without it, or from anyone else, X-Forwarded-For is the
 * client's own claim and changes nothing.
 */
class ForwardedClientsTest {

    @Test
    void behindATrustedProxyEachClientHasItsOwnLimit() throws Exception {
        try (var gateway = RunningGateway.inMemory(Map.of("CHAT_REQUESTS_PER_ADDRESS_PER_MINUTE", "3",
                "TRUSTED_PROXIES", "127.0.0.1/32,::1"))) {
            for (int i = 0; i < 3; i++) {
                assertThat(start(gateway, "203.0.113.7")).isEqualTo(201);
            }
            assertThat(start(gateway, "203.0.113.7")).isEqualTo(429);
            assertThat(start(gateway, "203.0.113.8")).as("another debtor behind the same proxy").isEqualTo(201);
            assertThat(start(gateway, "198.51.100.1, 203.0.113.7")).as("a forged first hop changes nothing")
                    .isEqualTo(429);
        }
    }

    @Test
    void withoutTrustedProxiesAForwardedForHeaderIsIgnored() throws Exception {
        try (var gateway = RunningGateway.inMemory(Map.of("CHAT_REQUESTS_PER_ADDRESS_PER_MINUTE", "3"))) {
            for (int i = 0; i < 3; i++) {
                assertThat(start(gateway, "203.0.113." + i)).isEqualTo(201);
            }
            assertThat(start(gateway, "203.0.113.99")).as("a new claimed address each time").isEqualTo(429);
        }
    }

    private static int start(RunningGateway gateway, String forwardedFor) throws Exception {
        return await(gateway.client().post("/api/chat/sessions").putHeader("X-Forwarded-For", forwardedFor)
                .sendJsonObject(new JsonObject())).statusCode();
    }
}
