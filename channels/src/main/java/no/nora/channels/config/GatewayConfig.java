package no.nora.channels.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import no.nora.intents.training.Corpus;
import no.nora.intents.training.LabelledExample;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's whole configuration, read once from environment variables at start and validated.
 *
 * <p>Two modes ({@code NORA_MODE}). In {@code demo} (the default) every external part is optional: left out, the
 * gateway runs its embedded default (in-memory store, demo case API, log-only SMS, demo sign-in). The demo's open
 * doors (demo sign-in, the demo SMS endpoints, operator endpoints without a token) stay open only while nothing real
 * is configured: one real identity provider, Twilio account or case API closes all of them. In {@code production}
 * every setting a real deployment needs must be present, or the gateway refuses to start naming what is missing.
 */
public record GatewayConfig(
        Mode mode,
        int port,
        Optional<Integer> managementPort,
        List<String> trustedProxies,
        URI publicUrl,
        Optional<String> serviceToken,
        Optional<RedisSettings> redis,
        Optional<URI> caseApiUrl,
        Optional<String> caseApiToken,
        Optional<String> caseApiFixtures,
        Duration caseApiTimeout,
        Duration caseApiCircuitReset,
        Optional<Twilio> twilio,
        Optional<URI> twilioApiBase,
        JwtKey myPageKey,
        JwtKey agentKey,
        String agentHours,
        Duration conversationTtl,
        Duration handoffQueueTimeout,
        Duration smsTakeOverAfter,
        int chatRequestsPerAddressPerMinute,
        ConnectionTimeouts connectionTimeouts,
        Optional<String> agentCannedReplies,
        Optional<String> nluDevSetFile,
        List<LabelledExample> nluDevSet,
        int nluRetrainFolds) {

    /**
     * How long a client may take: to send a new connection's first request headers, a request's body, and the next
     * request on a kept-alive connection. A slow client cannot hold a connection longer by trickling bytes.
     */
    public record ConnectionTimeouts(Duration header, Duration body, Duration keepAlive) {
    }

    public enum Mode {
        DEMO, PRODUCTION;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Twilio is all or nothing: account, token and sender number together. */
    public record Twilio(String accountSid, String authToken, Optional<String> secondaryAuthToken, String from) {
    }

    /**
     * How tokens are verified: a shared HS256 secret, an RS256 public key, or neither (demo sign-in); and the issuer
     * and audience a token must name, where set.
     */
    public record JwtKey(Optional<String> hs256Secret, Optional<String> rs256PublicKey, Optional<String> issuer,
                         Optional<String> audience) {
        public static JwtKey demoKey() {
            return new JwtKey(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        public static JwtKey hs256(String secret, String issuer, String audience) {
            return new JwtKey(Optional.of(secret), Optional.empty(), Optional.of(issuer), Optional.of(audience));
        }

        public boolean demo() {
            return hs256Secret.isEmpty() && rs256PublicKey.isEmpty();
        }

        /** The key material, whichever kind it is. */
        Optional<String> material() {
            return hs256Secret.or(() -> rs256PublicKey);
        }
    }

    /**
     * Whether the demo's doors are open: demo sign-in for debtors and agents, the demo SMS endpoints, and operator
     * endpoints without {@code SERVICE_TOKEN}. Only in demo mode with nothing real configured beside them.
     */
    public boolean demoDoorsOpen() {
        return mode == Mode.DEMO && realParts().isEmpty();
    }

    /** The settings that connect the gateway to something real: identity providers, Twilio, the case API. */
    public List<String> realParts() {
        var real = new ArrayList<String>();
        if (!myPageKey.demo()) {
            real.add("MYPAGE_JWT_*");
        }
        if (!agentKey.demo()) {
            real.add("AGENT_JWT_*");
        }
        twilio.ifPresent(t -> real.add("TWILIO_*"));
        caseApiUrl.ifPresent(u -> real.add("CASE_API_URL"));
        return real;
    }

    public static GatewayConfig fromEnvironment() {
        return from(System.getenv());
    }

    /** Every setting production needs; with several ways to give one, any of the names. */
    static final List<List<String>> REQUIRED_IN_PRODUCTION = List.of(
            List.of("MYPAGE_JWT_SECRET", "MYPAGE_JWT_PUBLIC_KEY"), List.of("MYPAGE_JWT_ISSUER"),
            List.of("MYPAGE_JWT_AUDIENCE"),
            List.of("AGENT_JWT_SECRET", "AGENT_JWT_PUBLIC_KEY"), List.of("AGENT_JWT_ISSUER"), List.of("AGENT_JWT_AUDIENCE"),
            List.of("SERVICE_TOKEN"),
            List.of("TWILIO_ACCOUNT_SID"), List.of("TWILIO_AUTH_TOKEN"), List.of("TWILIO_FROM"),
            List.of("CASE_API_URL"), List.of("CASE_API_TOKEN"),
            List.of("REDIS_URL", "REDIS_SENTINELS", "REDIS_CLUSTER_NODES"),
            List.of("PUBLIC_URL"));
    /** Demo-only settings that have no place next to real data. */
    static final List<String> REFUSED_IN_PRODUCTION = List.of("CASE_API_FIXTURES");
    static final int MIN_SERVICE_TOKEN_LENGTH = 32;

    public static GatewayConfig from(Map<String, String> env) {
        var vars = new Vars(env);
        Mode mode = vars.mode();
        if (mode == Mode.PRODUCTION) {
            requireProductionSettings(vars);
        }
        int port = vars.port("PORT", 8080);
        Optional<Integer> managementPort = vars.text("MANAGEMENT_PORT").map(v -> vars.port("MANAGEMENT_PORT", 0));
        if (managementPort.isPresent() && managementPort.get() != 0 && managementPort.get() == port) {
            throw new ConfigException("MANAGEMENT_PORT must differ from PORT (" + port + ")");
        }
        URI publicUrl = vars.url("PUBLIC_URL").orElse(URI.create("http://localhost:" + port));
        if (mode == Mode.PRODUCTION && !"https".equalsIgnoreCase(publicUrl.getScheme())) {
            throw new ConfigException("PUBLIC_URL must be an https URL in production (Twilio signs webhooks against it)");
        }
        Optional<String> twilioSid = vars.text("TWILIO_ACCOUNT_SID");
        Optional<String> twilioToken = vars.text("TWILIO_AUTH_TOKEN");
        Optional<String> twilioFrom = vars.text("TWILIO_FROM");
        Optional<Twilio> twilio = Optional.empty();
        int twilioSet = (twilioSid.isPresent() ? 1 : 0) + (twilioToken.isPresent() ? 1 : 0) + (twilioFrom.isPresent() ? 1 : 0);
        if (twilioSet == 3) {
            if (!twilioSid.get().matches("AC[0-9a-fA-F]{32}") && mode == Mode.PRODUCTION) {
                throw new ConfigException("TWILIO_ACCOUNT_SID must be a Twilio account SID: AC followed by 32 hex digits");
            }
            if (!twilioFrom.get().matches("\\+[1-9][0-9]{6,14}")) {
                throw new ConfigException("TWILIO_FROM must be a phone number in E.164 form, like +4759440000");
            }
            twilio = Optional.of(new Twilio(twilioSid.get(), twilioToken.get(),
                    vars.text("TWILIO_AUTH_TOKEN_SECONDARY"), twilioFrom.get()));
        } else if (twilioSet > 0) {
            throw new ConfigException("Set all of TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM, or none of them"
                    + " (missing: " + missing(Map.of("TWILIO_ACCOUNT_SID", twilioSid, "TWILIO_AUTH_TOKEN", twilioToken,
                    "TWILIO_FROM", twilioFrom)) + ")");
        }
        String agentHours = vars.text("AGENT_HOURS").orElse("opening-hours").toLowerCase(Locale.ROOT);
        if (!agentHours.equals("always") && !agentHours.equals("opening-hours") && !agentHours.equals("never")) {
            throw new ConfigException("AGENT_HOURS must be 'opening-hours' (the default), 'always' or 'never', not '"
                    + agentHours + "'");
        }
        Optional<String> serviceToken = vars.text("SERVICE_TOKEN");
        if (mode == Mode.PRODUCTION && serviceToken.get().length() < MIN_SERVICE_TOKEN_LENGTH) {
            throw new ConfigException("SERVICE_TOKEN must be at least " + MIN_SERVICE_TOKEN_LENGTH
                    + " characters long in production");
        }
        Optional<URI> caseApiUrl = vars.url("CASE_API_URL");
        Optional<URI> twilioApiBase = vars.url("TWILIO_API_BASE");
        if (mode == Mode.PRODUCTION) {
            requireHttpsOrLoopback("CASE_API_URL", caseApiUrl);
            requireHttpsOrLoopback("TWILIO_API_BASE", twilioApiBase);
        }
        Optional<RedisSettings> redis = RedisSettings.from(env);
        if (mode == Mode.PRODUCTION && redis.isEmpty()) {
            throw new ConfigException("NORA_MODE=production needs Redis (REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES):"
                    + " conversations are not kept in memory in production");
        }
        JwtKey myPageKey = vars.jwtKey("MYPAGE_JWT");
        JwtKey agentKey = vars.jwtKey("AGENT_JWT");
        requireDistinctAudiences(myPageKey, agentKey);
        return new GatewayConfig(
                mode,
                port,
                managementPort,
                vars.cidrs("TRUSTED_PROXIES"),
                publicUrl,
                serviceToken,
                redis,
                caseApiUrl,
                vars.text("CASE_API_TOKEN"),
                vars.readableFile("CASE_API_FIXTURES"),
                vars.duration("CASE_API_TIMEOUT", Duration.ofSeconds(3)),
                vars.duration("CASE_API_CIRCUIT_RESET", Duration.ofSeconds(30)),
                twilio,
                twilioApiBase,
                myPageKey,
                agentKey,
                agentHours,
                vars.duration("CONVERSATION_TTL", Duration.ofDays(30)),
                vars.duration("HANDOFF_QUEUE_TIMEOUT", Duration.ofMinutes(15)),
                vars.duration("SMS_TAKEOVER_AFTER", Duration.ofSeconds(60)),
                vars.positive("CHAT_REQUESTS_PER_ADDRESS_PER_MINUTE", 120),
                new ConnectionTimeouts(vars.duration("HTTP_HEADER_TIMEOUT", Duration.ofSeconds(10)),
                        vars.duration("HTTP_BODY_TIMEOUT", Duration.ofSeconds(30)),
                        vars.duration("HTTP_KEEP_ALIVE_TIMEOUT", Duration.ofSeconds(60))),
                vars.readableFile("AGENT_CANNED_REPLIES"),
                vars.readableFile("NLU_DEV_SET"),
                devSet(vars.readableFile("NLU_DEV_SET")),
                retrainFolds(vars));
    }

    /** The development set is read at start: a malformed line stops the start with its place named. */
    private static List<LabelledExample> devSet(Optional<String> file) {
        if (file.isEmpty()) {
            return List.of();
        }
        try {
            var examples = Corpus.read(java.nio.file.Path.of(file.get()));
            if (examples.isEmpty()) {
                throw new ConfigException("NLU_DEV_SET holds no examples: " + file.get());
            }
            return examples;
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new ConfigException("NLU_DEV_SET is not a development set (intent<TAB>language<TAB>text): "
                    + e.getMessage());
        }
    }

    private static int retrainFolds(Vars vars) {
        int folds = vars.positive("NLU_RETRAIN_FOLDS", 5);
        if (folds < 2 || folds > 10) {
            throw new ConfigException("NLU_RETRAIN_FOLDS must be 2 to 10, not " + folds);
        }
        return folds;
    }

    private static void requireProductionSettings(Vars vars) {
        var missing = REQUIRED_IN_PRODUCTION.stream().filter(names -> names.stream().allMatch(n -> vars.text(n).isEmpty()))
                .map(names -> String.join(" or ", names)).toList();
        if (!missing.isEmpty()) {
            throw new ConfigException("NORA_MODE=production needs every real setting; missing: " + String.join(", ", missing));
        }
        var refused = REFUSED_IN_PRODUCTION.stream().filter(n -> vars.text(n).isPresent()).toList();
        if (!refused.isEmpty()) {
            throw new ConfigException(String.join(", ", refused) + " is for the demo only; remove it in production");
        }
    }

    /** Real endpoints are reached over TLS; plain HTTP only to this machine (a sidecar, a test double). */
    private static void requireHttpsOrLoopback(String name, Optional<URI> url) {
        url.ifPresent(u -> {
            boolean loopback = u.getHost() != null && (u.getHost().equals("localhost") || u.getHost().startsWith("127.")
                    || u.getHost().equals("[::1]"));
            if (!"https".equalsIgnoreCase(u.getScheme()) && !loopback) {
                throw new ConfigException(name + " must be an https URL in production (plain http only to localhost)");
            }
        });
    }

    /**
     * A token made for one audience must never open the other: My Page tokens the agent API, agents' tokens a
     * debtor's chat. With one key for both, only distinct audiences keep them apart.
     */
    private static void requireDistinctAudiences(JwtKey myPage, JwtKey agent) {
        boolean sameKey = myPage.material().isPresent() && myPage.material().equals(agent.material());
        boolean sameAudience = myPage.audience().isPresent() && myPage.audience().equals(agent.audience());
        if (sameAudience) {
            throw new ConfigException("MYPAGE_JWT_AUDIENCE and AGENT_JWT_AUDIENCE must differ");
        }
        if (sameKey && (myPage.audience().isEmpty() || agent.audience().isEmpty())) {
            throw new ConfigException("MYPAGE_JWT_* and AGENT_JWT_* share one key: set MYPAGE_JWT_AUDIENCE and "
                    + "AGENT_JWT_AUDIENCE (different), or use a key of its own for each");
        }
    }

    /** The effective configuration for the start-up log, secrets masked. */
    public Map<String, Object> describe() {
        var out = new LinkedHashMap<String, Object>();
        out.put("mode", mode.code());
        out.put("port", port);
        out.put("managementPort", managementPort.map(p -> (Object) p).orElse("(none: /metrics needs SERVICE_TOKEN)"));
        out.put("trustedProxies", trustedProxies.isEmpty() ? "(none: forwarded headers ignored)" : String.join(",", trustedProxies));
        out.put("publicUrl", maskUserInfo(publicUrl));
        out.put("serviceToken", serviceToken.map(t -> "***").orElse(demoDoorsOpen() ? "(none: operator endpoints open)"
                : "(none: operator endpoints closed)"));
        out.put("demoDoors", demoDoorsOpen() ? "open (demo sign-in, demo SMS)"
                : "closed" + (realParts().isEmpty() ? "" : " (real: " + String.join(", ", realParts()) + ")"));
        out.put("store", redis.map(RedisSettings::describe).orElse("in-memory"));
        out.put("caseApi", caseApiUrl.map(GatewayConfig::maskUserInfo).orElse("demo (built in)" + caseApiFixtures.map(f -> ", fixtures " + f).orElse("")));
        out.put("caseApiTimeout", caseApiTimeout.toString());
        out.put("caseApiCircuitReset", caseApiCircuitReset.toString());
        out.put("sms", twilio.map(t -> "twilio " + t.accountSid().substring(0, Math.min(6, t.accountSid().length()))
                + "… from " + t.from() + (t.secondaryAuthToken().isPresent() ? " (+secondary token)" : "")).orElse("log-only (demo)"));
        twilioApiBase.ifPresent(b -> out.put("twilioApiBase", maskUserInfo(b)));
        out.put("myPageTokens", describe(myPageKey));
        out.put("agentTokens", describe(agentKey));
        out.put("agentHours", agentHours);
        out.put("conversationTtl", conversationTtl.toString());
        out.put("handoffQueueTimeout", handoffQueueTimeout.toString());
        out.put("smsTakeOverAfter", smsTakeOverAfter.toString());
        out.put("chatRequestsPerAddressPerMinute", chatRequestsPerAddressPerMinute);
        out.put("connectionTimeouts", connectionTimeouts.toString());
        out.put("nluDevSet", nluDevSetFile.map(f -> f + " (" + nluDevSet.size() + " examples)")
                .orElse("none (retraining judged by cross-validation only)"));
        out.put("nluRetrainFolds", nluRetrainFolds);
        return out;
    }

    private static String describe(JwtKey key) {
        return key.hs256Secret().map(s -> "HS256 ***").or(() -> key.rs256PublicKey().map(k -> "RS256 public key"))
                .map(k -> k + key.issuer().map(i -> ", issuer " + i).orElse("") + key.audience().map(a -> ", audience " + a)
                        .orElse(""))
                .orElse("demo sign-in");
    }

    /** A URL as it may be logged: userinfo (passwords) and the query (tokens) replaced by {@code ***}. */
    public static String maskUserInfo(URI uri) {
        String masked = uri.getRawUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo(), "***");
        return uri.getRawQuery() == null ? masked : masked.replace(uri.getRawQuery(), "***");
    }

    private static String missing(Map<String, Optional<String>> values) {
        return String.join(", ", values.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey)
                .sorted().toList());
    }

    /** Reads and checks single variables; every failure names the variable and what it should look like. */
    private record Vars(Map<String, String> env) {

        Optional<String> text(String name) {
            return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
        }

        int port(String name, int fallback) {
            return text(name).map(v -> {
                try {
                    int port = Integer.parseInt(v);
                    if (port < 0 || port > 65535) {
                        throw new NumberFormatException();
                    }
                    return port;
                } catch (NumberFormatException e) {
                    throw new ConfigException(name + " must be a port number from 0 to 65535, not '" + v + "'");
                }
            }).orElse(fallback);
        }

        int positive(String name, int fallback) {
            return text(name).map(v -> {
                try {
                    int n = Integer.parseInt(v);
                    if (n < 1) {
                        throw new NumberFormatException();
                    }
                    return n;
                } catch (NumberFormatException e) {
                    throw new ConfigException(name + " must be a whole number of at least 1, not '" + v + "'");
                }
            }).orElse(fallback);
        }

        Optional<URI> url(String name, String... schemes) {
            return text(name).map(v -> {
                URI uri;
                var allowed = schemes.length == 0 ? new String[] {"http", "https"} : schemes;
                // The value is never echoed: a URL may carry a password.
                String expected = name + " must be a " + String.join(" or ", allowed) + " URL with a host, like "
                        + allowed[0] + "://host:port";
                try {
                    uri = new URI(v);
                } catch (Exception e) {
                    throw new ConfigException(name + " is not a valid URL (" + expected.substring(name.length() + 1) + ")");
                }
                if (uri.getScheme() == null || uri.getHost() == null
                        || java.util.Arrays.stream(allowed).noneMatch(s -> s.equalsIgnoreCase(uri.getScheme()))) {
                    throw new ConfigException(expected);
                }
                return uri;
            });
        }

        Duration duration(String name, Duration fallback) {
            return text(name).map(v -> {
                try {
                    Duration d = v.toUpperCase(Locale.ROOT).startsWith("P") ? Duration.parse(v.toUpperCase(Locale.ROOT))
                            : parseShort(v);
                    if (d.isNegative() || d.isZero()) {
                        throw new IllegalArgumentException();
                    }
                    return d;
                } catch (RuntimeException e) {
                    throw new ConfigException(name + " must be a positive duration like 500ms, 30s, 15m, 30d or PT15M, not '"
                            + v + "'");
                }
            }).orElse(fallback);
        }

        private static Duration parseShort(String v) {
            var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(v.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException(v);
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }

        Optional<String> readableFile(String name) {
            var path = text(name);
            path.ifPresent(p -> {
                if (!java.nio.file.Files.isReadable(java.nio.file.Path.of(p))) {
                    throw new ConfigException(name + " names a file that cannot be read: '" + p + "'");
                }
            });
            return path;
        }

        Mode mode() {
            String value = text("NORA_MODE").orElse("demo").toLowerCase(Locale.ROOT);
            return switch (value) {
                case "demo" -> Mode.DEMO;
                case "production" -> Mode.PRODUCTION;
                default -> throw new ConfigException("NORA_MODE must be 'demo' (the default) or 'production', not '"
                        + value + "'");
            };
        }

        /** Comma-separated CIDRs (or single addresses), each checked by Netty's subnet rule. */
        List<String> cidrs(String name) {
            var list = new ArrayList<String>();
            for (String part : text(name).orElse("").split(",")) {
                String cidr = part.trim();
                if (cidr.isEmpty()) {
                    continue;
                }
                if (!no.nora.channels.http.ClientAddress.isValidCidr(cidr)) {
                    throw new ConfigException(name + " must be comma-separated CIDRs like 10.0.0.0/8 or 192.0.2.7, not '"
                            + cidr + "'");
                }
                list.add(cidr);
            }
            return List.copyOf(list);
        }

        /** {@code PREFIX_SECRET} or {@code PREFIX_PUBLIC_KEY}, with {@code PREFIX_ISSUER} and {@code PREFIX_AUDIENCE}. */
        JwtKey jwtKey(String prefix) {
            String secretName = prefix + "_SECRET";
            String publicKeyName = prefix + "_PUBLIC_KEY";
            var secret = text(secretName);
            var publicKey = text(publicKeyName);
            if (secret.isPresent() && publicKey.isPresent()) {
                throw new ConfigException("Set " + secretName + " or " + publicKeyName + ", not both");
            }
            if (secret.isPresent() && secret.get().length() < 32) {
                throw new ConfigException(secretName + " must be at least 32 characters long for HS256");
            }
            return new JwtKey(secret, publicKey, text(prefix + "_ISSUER"), text(prefix + "_AUDIENCE"));
        }
    }
}
