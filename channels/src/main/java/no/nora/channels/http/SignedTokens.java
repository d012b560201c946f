package no.nora.channels.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import no.nora.bot.conversation.Ids;
import no.nora.channels.config.GatewayConfig.JwtKey;

/**
 * JWTs of one audience (My Page's debtors, or agents), verified the one way both use: the signature with the
 * configured key (Vert.x's {@link JWTAuth}), and the claims by rule – {@code exp} required and numeric, {@code iss}
 * and {@code aud} as configured, {@code typ} (when given) a JWT's, no {@code alg} other than the key's. A malformed
 * claim is an invalid token, never an error of ours. Without a key (the demo) tokens are signed here with a secret made
 * at start, which only {@link #issueDemo} uses.
 */
public final class SignedTokens {
    /** The claims of a verified token. */
    public record Claims(JsonObject json, long expiresAtSecond) {
        public Optional<String> text(String name) {
            return Optional.ofNullable(json.getValue(name)).filter(String.class::isInstance).map(String.class::cast)
                    .map(String::trim).filter(s -> !s.isEmpty());
        }
    }

    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();
    /** Clock skew allowed between the identity provider and us. */
    private static final long LEEWAY_SECONDS = 30;

    private final JWTAuth auth;
    private final JwtKey key;
    private final String algorithm;
    private final Clock clock;

    private SignedTokens(JWTAuth auth, JwtKey key, String algorithm, Clock clock) {
        this.auth = auth;
        this.key = key;
        this.algorithm = algorithm;
        this.clock = clock;
    }

    public static SignedTokens create(Vertx vertx, JwtKey key) {
        return create(vertx, key, Clock.systemUTC());
    }

    public static SignedTokens create(Vertx vertx, JwtKey key, Clock clock) {
        PubSecKeyOptions options;
        if (key.hs256Secret().isPresent()) {
            options = new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(key.hs256Secret().get()));
        } else if (key.rs256PublicKey().isPresent()) {
            options = new PubSecKeyOptions().setAlgorithm("RS256").setBuffer(Buffer.buffer(key.rs256PublicKey().get()));
        } else {
            options = new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(Ids.random(64)));
        }
        var jwtOptions = new JWTOptions().setLeeway((int) LEEWAY_SECONDS);
        key.issuer().ifPresent(jwtOptions::setIssuer);
        key.audience().ifPresent(a -> jwtOptions.setAudience(List.of(a)));
        var auth = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(options).setJWTOptions(jwtOptions));
        return new SignedTokens(auth, key, options.getAlgorithm(), clock);
    }

    public boolean demo() {
        return key.demo();
    }

    /** The claims of a valid token; a failed future (never a thrown exception) for anything else. */
    public Future<Claims> verify(String token) {
        Claims claims;
        try {
            claims = checkedClaims(token);
        } catch (RuntimeException invalid) {
            return Future.failedFuture(new IllegalArgumentException("invalid token"));
        }
        Future<User> user;
        try {
            user = auth.authenticate(new TokenCredentials(token));
        } catch (RuntimeException e) {
            return Future.failedFuture(new IllegalArgumentException("invalid token"));
        }
        return user.transform(result -> result.succeeded() ? Future.succeededFuture(claims)
                : Future.failedFuture(new IllegalArgumentException("invalid token")));
    }

    /** Signs a token for the demo sign-in; only in demo mode, where the secret never leaves this process. */
    public String issueDemo(JsonObject claims, int seconds) {
        if (!key.demo()) {
            throw new IllegalStateException("Demo tokens exist only without a configured key");
        }
        var payload = claims.copy();
        key.issuer().ifPresent(i -> payload.put("iss", i));
        key.audience().ifPresent(a -> payload.put("aud", a));
        return auth.generateToken(payload, new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(seconds));
    }

    /** Reads and checks the claims before the signature is: their types are ours to insist on. */
    private Claims checkedClaims(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a JWS");
        }
        var header = new JsonObject(new String(BASE64URL.decode(parts[0]), StandardCharsets.UTF_8));
        var payload = new JsonObject(new String(BASE64URL.decode(parts[1]), StandardCharsets.UTF_8));
        if (!algorithm.equals(header.getValue("alg"))) {
            throw new IllegalArgumentException("unexpected alg");
        }
        Object typ = header.getValue("typ");
        if (typ != null && !(typ instanceof String t && (t.equalsIgnoreCase("JWT") || t.equalsIgnoreCase("at+jwt")))) {
            throw new IllegalArgumentException("not a JWT");
        }
        if (!(payload.getValue("exp") instanceof Number exp)) {
            throw new IllegalArgumentException("exp missing or not a number");
        }
        for (String time : List.of("iat", "nbf")) {
            if (payload.containsKey(time) && !(payload.getValue(time) instanceof Number)) {
                throw new IllegalArgumentException(time + " not a number");
            }
        }
        if (payload.getValue("nbf") instanceof Number nbf && nbf.longValue() > clock.millis() / 1000 + LEEWAY_SECONDS) {
            throw new IllegalArgumentException("not yet valid");
        }
        if (exp.longValue() + LEEWAY_SECONDS < clock.millis() / 1000) {
            throw new IllegalArgumentException("expired");
        }
        if (key.issuer().isPresent() && !key.issuer().get().equals(payload.getValue("iss"))) {
            throw new IllegalArgumentException("wrong issuer");
        }
        if (key.audience().isPresent() && !audiences(payload.getValue("aud")).contains(key.audience().get())) {
            throw new IllegalArgumentException("wrong audience");
        }
        return new Claims(payload, exp.longValue());
    }

    private static List<Object> audiences(Object aud) {
        if (aud instanceof String one) {
            return List.of(one);
        }
        if (aud instanceof JsonArray many) {
            return many.getList();
        }
        return List.of();
    }
}
