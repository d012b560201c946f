package no.nora.channels.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisRole;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisSettingsTest {

    @Test
    void noRedisVariableMeansMemory() {
        assertThat(RedisSettings.from(Map.of())).isEmpty();
    }

    @Test
    void oneServerFromRedisUrl() {
        var settings = RedisSettings.from(Map.of("REDIS_URL", "redis://redis:6379")).orElseThrow();

        assertThat(settings.mode()).isEqualTo(RedisSettings.Mode.STANDALONE);
        assertThat(settings.options().getType()).isEqualTo(RedisClientType.STANDALONE);
        assertThat(settings.options().getEndpoint()).isEqualTo("redis://redis:6379");
        assertThat(settings.describe()).isEqualTo("redis redis://redis:6379");
    }

    @Test
    void sentinelsWithTheMasterTheyWatch() {
        var settings = RedisSettings.from(Map.of("REDIS_SENTINELS", "redis://s1:26379, redis://s2:26379,redis://s3:26379",
                "REDIS_MASTER_NAME", "nora", "REDIS_PASSWORD", "sesam-secret")).orElseThrow();

        var options = settings.options();
        assertThat(options.getType()).isEqualTo(RedisClientType.SENTINEL);
        assertThat(options.getEndpoints()).containsExactly("redis://s1:26379", "redis://s2:26379", "redis://s3:26379");
        assertThat(options.getMasterName()).isEqualTo("nora");
        assertThat(options.getRole()).isEqualTo(RedisRole.MASTER);
        assertThat(options.getPassword()).isEqualTo("sesam-secret");
        assertThat(settings.describe()).contains("sentinel", "master nora", "(password set)").doesNotContain("sesam");
    }

    @Test
    void clusterSeedsOverTls() {
        var settings = RedisSettings.from(Map.of("REDIS_CLUSTER_NODES", "rediss://:pw-in-url@n1:6379,rediss://n2:6379"))
                .orElseThrow();

        assertThat(settings.tls()).isTrue();
        assertThat(settings.options().getType()).isEqualTo(RedisClientType.CLUSTER);
        assertThat(settings.options().getNetClientOptions().isSsl()).isTrue();
        assertThat(settings.options().getNetClientOptions().getHostnameVerificationAlgorithm()).isEqualTo("HTTPS");
        assertThat(settings.describe()).startsWith("redis cluster ").doesNotContain("pw-in-url");
    }

    @Test
    void eachMistakeIsOneLineNamingTheVariable() {
        refused(Map.of("REDIS_URL", "redis://a:1", "REDIS_CLUSTER_NODES", "redis://b:2"),
                "Set one of REDIS_URL, REDIS_SENTINELS and REDIS_CLUSTER_NODES, not two");
        refused(Map.of("REDIS_SENTINELS", "redis://s1:26379"), "REDIS_SENTINELS needs REDIS_MASTER_NAME");
        refused(Map.of("REDIS_MASTER_NAME", "nora"), "REDIS_MASTER_NAME is only used with REDIS_SENTINELS");
        refused(Map.of("REDIS_PASSWORD", "x"), "REDIS_PASSWORD is set but no Redis is");
        refused(Map.of("REDIS_CLUSTER_NODES", "redis://n1:1,http://n2:2"), "REDIS_CLUSTER_NODES must be a redis or rediss URL");
        refused(Map.of("REDIS_CLUSTER_NODES", " , "), "REDIS_CLUSTER_NODES must list");
        refused(Map.of("REDIS_SENTINELS", "redis://s1:1,rediss://s2:2", "REDIS_MASTER_NAME", "m"),
                "REDIS_SENTINELS mixes redis:// and rediss://");
    }

    @Test
    void aPasswordInAValueThatCannotBeParsedIsNotEchoed() {
        assertThatThrownBy(() -> RedisSettings.from(Map.of("REDIS_URL", "redis://:top secret@host:6379")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("REDIS_URL").hasMessageNotContaining("top secret");
    }

    @Test
    void theGatewayConfigurationCarriesTheSettings() {
        var config = GatewayConfig.from(Map.of("REDIS_CLUSTER_NODES", "redis://n1:6379"));

        assertThat(config.redis()).map(RedisSettings::mode).hasValue(RedisSettings.Mode.CLUSTER);
        assertThat(config.describe()).containsEntry("store", "redis cluster redis://n1:6379");
    }

    private static void refused(Map<String, String> env, String message) {
        assertThatThrownBy(() -> RedisSettings.from(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(message).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
