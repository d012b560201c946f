package no.nora.bot.testing;

import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import no.nora.bot.Bot;

/**
 * The bot's settings for each store a test runs on: {@code memory}, {@code redis} (one server), {@code sentinel}
 * (a master found through three sentinels) and {@code cluster} (three masters with replicas); the Redis ones are
 * real servers shared by the suite.
 */
public final class RedisModes {
    private RedisModes() {
    }

    public static Bot.Settings settings(String store) {
        return new Bot.Settings(options(store), Duration.ofDays(30), Clock.systemUTC());
    }

    public static Optional<RedisOptions> options(String store) {
        return switch (store) {
            case "memory" -> Optional.empty();
            case "redis" -> Optional.of(new RedisOptions().setConnectionString(TestRedis.shared().connectionString()));
            case "sentinel" -> Optional.of(sentinel(TestRedisSentinel.shared().sentinelUrls()));
            case "cluster" -> Optional.of(cluster(TestRedisCluster.shared().seedUrls()));
            default -> throw new IllegalArgumentException(store);
        };
    }

    public static RedisOptions sentinel(String sentinelUrls) {
        var options = new RedisOptions().setType(RedisClientType.SENTINEL).setMasterName(TestRedisSentinel.MASTER_NAME)
                .setRole(RedisRole.MASTER);
        Arrays.stream(sentinelUrls.split(",")).forEach(options::addConnectionString);
        return options;
    }

    public static RedisOptions cluster(String seedUrls) {
        var options = new RedisOptions().setType(RedisClientType.CLUSTER);
        Arrays.stream(seedUrls.split(",")).forEach(options::addConnectionString);
        return options;
    }
}
