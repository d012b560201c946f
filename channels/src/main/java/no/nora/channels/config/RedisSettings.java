package no.nora.channels.config;

import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where Redis is and how to reach it: one server ({@code REDIS_URL}), a master found through Sentinel
 * ({@code REDIS_SENTINELS} with {@code REDIS_MASTER_NAME}), or a Redis Cluster ({@code REDIS_CLUSTER_NODES}, seed
 * nodes). {@code REDIS_PASSWORD} is used where the URLs carry none; {@code rediss://} URLs connect over TLS, with the
 * server's certificate checked against its host name.
 */
public record RedisSettings(Mode mode, List<URI> endpoints, Optional<String> masterName, Optional<String> password) {

    public enum Mode { STANDALONE, SENTINEL, CLUSTER }

    public RedisSettings {
        endpoints = List.copyOf(endpoints);
    }

    /** The settings in {@code env}, or none (the gateway then keeps conversations in memory). */
    public static Optional<RedisSettings> from(Map<String, String> env) {
        var url = text(env, "REDIS_URL");
        var sentinels = text(env, "REDIS_SENTINELS");
        var clusterNodes = text(env, "REDIS_CLUSTER_NODES");
        var masterName = text(env, "REDIS_MASTER_NAME");
        var password = text(env, "REDIS_PASSWORD");
        long given = (url.isPresent() ? 1 : 0) + (sentinels.isPresent() ? 1 : 0) + (clusterNodes.isPresent() ? 1 : 0);
        if (given > 1) {
            throw new ConfigException("Set one of REDIS_URL, REDIS_SENTINELS and REDIS_CLUSTER_NODES, not "
                    + (given == 3 ? "all three" : "two"));
        }
        if (sentinels.isPresent() != masterName.isPresent()) {
            throw new ConfigException(sentinels.isPresent()
                    ? "REDIS_SENTINELS needs REDIS_MASTER_NAME, the name the sentinels monitor the master under"
                    : "REDIS_MASTER_NAME is only used with REDIS_SENTINELS, which is not set");
        }
        if (given == 0) {
            if (password.isPresent()) {
                throw new ConfigException("REDIS_PASSWORD is set but no Redis is: set REDIS_URL, REDIS_SENTINELS or"
                        + " REDIS_CLUSTER_NODES");
            }
            return Optional.empty();
        }
        if (url.isPresent()) {
            return Optional.of(new RedisSettings(Mode.STANDALONE, List.of(redisUrl("REDIS_URL", url.get())),
                    Optional.empty(), password));
        }
        if (sentinels.isPresent()) {
            return Optional.of(new RedisSettings(Mode.SENTINEL, urls("REDIS_SENTINELS", sentinels.get()), masterName,
                    password));
        }
        return Optional.of(new RedisSettings(Mode.CLUSTER, urls("REDIS_CLUSTER_NODES", clusterNodes.get()),
                Optional.empty(), password));
    }

    /** Over TLS: every URL is {@code rediss://} (mixed schemes are refused at start). */
    public boolean tls() {
        return endpoints.get(0).getScheme().equalsIgnoreCase("rediss");
    }

    /** The client's options for this mode; the bot adds its pool sizes. */
    public RedisOptions options() {
        var options = new RedisOptions().setType(switch (mode) {
            case STANDALONE -> RedisClientType.STANDALONE;
            case SENTINEL -> RedisClientType.SENTINEL;
            case CLUSTER -> RedisClientType.CLUSTER;
        });
        endpoints.forEach(uri -> options.addConnectionString(uri.toString()));
        masterName.ifPresent(name -> options.setMasterName(name).setRole(RedisRole.MASTER));
        password.ifPresent(options::setPassword);
        if (tls()) {
            options.setNetClientOptions(new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("HTTPS"));
        }
        return options;
    }

    /** For the start-up log: the mode and the hosts, passwords masked. */
    public String describe() {
        String hosts = endpoints.stream().map(RedisSettings::masked).collect(Collectors.joining(","));
        return switch (mode) {
            case STANDALONE -> "redis " + hosts;
            case SENTINEL -> "redis sentinel " + hosts + " master " + masterName.orElseThrow();
            case CLUSTER -> "redis cluster " + hosts;
        } + (password.isPresent() ? " (password set)" : "");
    }

    private static String masked(URI uri) {
        return GatewayConfig.maskUserInfo(uri);
    }

    private static List<URI> urls(String name, String value) {
        var urls = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> redisUrl(name, s)).toList();
        if (urls.isEmpty()) {
            throw new ConfigException(name + " must list redis://host:port URLs separated by commas");
        }
        if (urls.stream().map(u -> u.getScheme().toLowerCase()).distinct().count() > 1) {
            throw new ConfigException(name + " mixes redis:// and rediss:// URLs: use TLS for all of them or none");
        }
        return urls;
    }

    private static URI redisUrl(String name, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigException(name + " is not a valid URL: '" + masked(value) + "'");
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equalsIgnoreCase("redis") || uri.getScheme().equalsIgnoreCase("rediss"))) {
            throw new ConfigException(name + " must be a redis or rediss URL with a host, like redis://host:port, not '"
                    + masked(value) + "'");
        }
        return uri;
    }

    /** A value that failed to parse may still hold a password: everything between "//" and "@" is masked. */
    private static String masked(String value) {
        return value.replaceFirst("//[^/@]*@", "//***@");
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
