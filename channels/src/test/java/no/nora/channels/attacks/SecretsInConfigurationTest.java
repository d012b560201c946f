package no.nora.channels.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import no.nora.channels.config.ConfigException;
import no.nora.channels.config.GatewayConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Passwords in URL settings (userinfo, query tokens) reach neither the start-up log nor a configuration error.
 */
class SecretsInConfigurationTest {
    private static final String PASSWORD = "s3cret-pw";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CASE_API_URL", "TWILIO_API_BASE", "PUBLIC_URL", "REDIS_URL"})
    void theStartUpLogMasksUserinfoAndQueryTokens(String name) {
        String scheme = name.equals("REDIS_URL") ? "redis" : "https";
        var config = GatewayConfig.from(Map.of(name, scheme + "://nora:" + PASSWORD + "@host.example:6379/api?token="
                + PASSWORD, "PORT", "0"));

        assertThat(config.describe().toString()).doesNotContain(PASSWORD);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://nora:s3cret-pw@host with space/api", "ftp://nora:s3cret-pw@host.example/",
            "https://nora:s3cret-pw@/no-host"})
    void anInvalidUrlIsNotEchoedWithItsPassword(String url) {
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("CASE_API_URL", url)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CASE_API_URL")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    }
}
