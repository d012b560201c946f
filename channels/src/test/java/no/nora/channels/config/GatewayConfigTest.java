package no.nora.channels.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

    @Test
    void noSettingsMeansTheEmbeddedDefaults() {
        var config = GatewayConfig.from(Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.redis()).isEmpty();
        assertThat(config.caseApiUrl()).isEmpty();
        assertThat(config.twilio()).isEmpty();
        assertThat(config.demoDoorsOpen()).isTrue();
        assertThat(config.conversationTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(config.describe()).containsEntry("store", "in-memory").containsEntry("sms", "log-only (demo)");
    }

    @Test
    void aMalformedUrlIsRefusedWithTheVariableNamed() {
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("CASE_API_URL", "not a url")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CASE_API_URL");
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("REDIS_URL", "http://localhost:6379")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("REDIS_URL").hasMessageContaining("redis");
    }

    @Test
    void aDevelopmentSetThatIsNotOneOrBadFoldsStopTheStartNamingTheSetting(@org.junit.jupiter.api.io.TempDir
                                                                          java.nio.file.Path dir) throws Exception {
        var notTsv = dir.resolve("dev.tsv");
        java.nio.file.Files.writeString(notTsv, "invoice_copy\tsv\tkopi takk\n");
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("NLU_DEV_SET", notTsv.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("NLU_DEV_SET").hasMessageContaining(":1");
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("NLU_DEV_SET", dir.resolve("missing.tsv").toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("NLU_DEV_SET");
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("NLU_RETRAIN_FOLDS", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("NLU_RETRAIN_FOLDS");
        var good = dir.resolve("good.tsv");
        java.nio.file.Files.writeString(good, "# a comment\ninvoice_copy\tnb\tkopi takk\n");
        assertThat(GatewayConfig.from(Map.of("NLU_DEV_SET", good.toString())).nluDevSet()).hasSize(1);
    }

    @Test
    void aBadPortIsRefused() {
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("PORT", "80a")))
                .isInstanceOf(ConfigException.class).hasMessage("PORT must be a port number from 0 to 65535, not '80a'");
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("PORT", "70000"))).isInstanceOf(ConfigException.class);
    }

    @Test
    void halfOfTheTwilioSettingsIsRefusedNamingWhatIsMissing() {
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("TWILIO_ACCOUNT_SID", "AC123", "TWILIO_AUTH_TOKEN", "secret")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing: TWILIO_FROM");
    }

    @Test
    void allTwilioSettingsSwitchToTwilioAndMaskTheToken() {
        var config = GatewayConfig.from(Map.of("TWILIO_ACCOUNT_SID", "ACabcdef0123", "TWILIO_AUTH_TOKEN", "supersecret",
                "TWILIO_FROM", "+4759440000"));

        assertThat(config.twilio()).isPresent();
        assertThat(config.describe().toString()).doesNotContain("supersecret").doesNotContain("ACabcdef0123");
    }

    @Test
    void secretsNeverAppearInTheDescription() {
        var config = GatewayConfig.from(Map.of("SERVICE_TOKEN", "service-secret-value",
                "REDIS_URL", "redis://:redispass@localhost:6379",
                "MYPAGE_JWT_SECRET", "a-very-long-secret-for-my-page-tokens-0001"));

        assertThat(config.describe().toString()).doesNotContain("service-secret-value").doesNotContain("redispass")
                .doesNotContain("a-very-long-secret");
        assertThat(config.demoDoorsOpen()).isFalse();
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        assertThat(GatewayConfig.from(Map.of("CONVERSATION_TTL", "7d")).conversationTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(GatewayConfig.from(Map.of("CASE_API_TIMEOUT", "PT0.5S")).caseApiTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("CASE_API_TIMEOUT", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CASE_API_TIMEOUT");
    }

    @Test
    void aShortJwtSecretOrBothKeyKindsAreRefused() {
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("AGENT_JWT_SECRET", "short")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AGENT_JWT_SECRET");
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("MYPAGE_JWT_SECRET", "x".repeat(40),
                "MYPAGE_JWT_PUBLIC_KEY", "-----BEGIN PUBLIC KEY-----")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not both");
    }
}
