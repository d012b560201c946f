package no.nora.channels.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's whole configuration, read once from environment variables at start and validated. Every external
 * part is optional: left out, the gateway runs its embedded default (in-memory store, demo case API, log-only SMS,
 * demo sign-in).
 */
public record GatewayConfig(
        int port,
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
        int chatRequestsPerAddressPerMinute) {

    /** Twilio is all or nothing: account, token and sender number together. */
    public record Twilio(String accountSid, String authToken, Optional<String> secondaryAuthToken, String from) {
    }

    /** How tokens are verified: a shared HS256 secret, an RS256 public key, or neither (demo sign-in). */
    public record JwtKey(Optional<String> hs256Secret, Optional<String> rs256PublicKey) {
        public boolean demo() {
            return hs256Secret.isEmpty() && rs256PublicKey.isEmpty();
        }
    }

    public boolean demoSignIn() {
        return myPageKey.demo();
    }

    public static GatewayConfig fromEnvironment() {
        return from(System.getenv());
    }

    public static GatewayConfig from(Map<String, String> env) {
        var vars = new Vars(env);
        int port = vars.port("PORT", 8080);
        URI publicUrl = vars.url("PUBLIC_URL").orElse(URI.create("http://localhost:" + port));
        Optional<String> twilioSid = vars.text("TWILIO_ACCOUNT_SID");
        Optional<String> twilioToken = vars.text("TWILIO_AUTH_TOKEN");
        Optional<String> twilioFrom = vars.text("TWILIO_FROM");
        Optional<Twilio> twilio = Optional.empty();
        int twilioSet = (twilioSid.isPresent() ? 1 : 0) + (twilioToken.isPresent() ? 1 : 0) + (twilioFrom.isPresent() ? 1 : 0);
        vars.text("CASE_API_FIXTURES").ifPresent(path -> {
            if (!java.nio.file.Files.isReadable(java.nio.file.Path.of(path))) {
                throw new ConfigException("CASE_API_FIXTURES names a file that cannot be read: '" + path + "'");
            }
        });
        if (twilioSet == 3) {
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
        return new GatewayConfig(
                port,
                publicUrl,
                vars.text("SERVICE_TOKEN"),
                RedisSettings.from(env),
                vars.url("CASE_API_URL"),
                vars.text("CASE_API_TOKEN"),
                vars.text("CASE_API_FIXTURES"),
                vars.duration("CASE_API_TIMEOUT", Duration.ofSeconds(3)),
                vars.duration("CASE_API_CIRCUIT_RESET", Duration.ofSeconds(30)),
                twilio,
                vars.url("TWILIO_API_BASE"),
                vars.jwtKey("MYPAGE_JWT_SECRET", "MYPAGE_JWT_PUBLIC_KEY"),
                vars.jwtKey("AGENT_JWT_SECRET", "AGENT_JWT_PUBLIC_KEY"),
                agentHours,
                vars.duration("CONVERSATION_TTL", Duration.ofDays(30)),
                vars.duration("HANDOFF_QUEUE_TIMEOUT", Duration.ofMinutes(15)),
                vars.duration("SMS_TAKEOVER_AFTER", Duration.ofSeconds(60)),
                vars.positive("CHAT_REQUESTS_PER_ADDRESS_PER_MINUTE", 120));
    }

    /** The effective configuration for the start-up log, secrets masked. */
    public Map<String, Object> describe() {
        var out = new LinkedHashMap<String, Object>();
        out.put("port", port);
        out.put("publicUrl", publicUrl.toString());
        out.put("serviceToken", serviceToken.map(t -> "***").orElse("(none: operator endpoints open)"));
        out.put("store", redis.map(RedisSettings::describe).orElse("in-memory"));
        out.put("caseApi", caseApiUrl.map(URI::toString).orElse("demo (built in)" + caseApiFixtures.map(f -> ", fixtures " + f).orElse("")));
        out.put("caseApiTimeout", caseApiTimeout.toString());
        out.put("caseApiCircuitReset", caseApiCircuitReset.toString());
        out.put("sms", twilio.map(t -> "twilio " + t.accountSid().substring(0, Math.min(6, t.accountSid().length()))
                + "… from " + t.from() + (t.secondaryAuthToken().isPresent() ? " (+secondary token)" : "")).orElse("log-only (demo)"));
        twilioApiBase.ifPresent(b -> out.put("twilioApiBase", b.toString()));
        out.put("myPageTokens", describe(myPageKey));
        out.put("agentTokens", describe(agentKey));
        out.put("agentHours", agentHours);
        out.put("conversationTtl", conversationTtl.toString());
        out.put("handoffQueueTimeout", handoffQueueTimeout.toString());
        out.put("smsTakeOverAfter", smsTakeOverAfter.toString());
        out.put("chatRequestsPerAddressPerMinute", chatRequestsPerAddressPerMinute);
        return out;
    }

    private static String describe(JwtKey key) {
        return key.hs256Secret().map(s -> "HS256 ***").or(() -> key.rs256PublicKey().map(k -> "RS256 public key"))
                .orElse("demo sign-in");
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
                try {
                    uri = new URI(v);
                } catch (Exception e) {
                    throw new ConfigException(name + " is not a valid URL: '" + v + "'");
                }
                var allowed = schemes.length == 0 ? new String[] {"http", "https"} : schemes;
                if (uri.getScheme() == null || uri.getHost() == null
                        || java.util.Arrays.stream(allowed).noneMatch(s -> s.equalsIgnoreCase(uri.getScheme()))) {
                    throw new ConfigException(name + " must be a " + String.join(" or ", allowed)
                            + " URL with a host, like " + allowed[0] + "://host:port, not '" + v + "'");
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

        JwtKey jwtKey(String secretName, String publicKeyName) {
            var secret = text(secretName);
            var publicKey = text(publicKeyName);
            if (secret.isPresent() && publicKey.isPresent()) {
                throw new ConfigException("Set " + secretName + " or " + publicKeyName + ", not both");
            }
            if (secret.isPresent() && secret.get().length() < 32) {
                throw new ConfigException(secretName + " must be at least 32 characters long for HS256");
            }
            return new JwtKey(secret, publicKey);
        }
    }
}
