package no.nora.channels.testing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Settings of the real parts as tests configure them: a Twilio account, a service token, and identity providers
 * whose tokens the tests sign themselves. With any real part configured the demo's doors are shut (demo sign-in, the
 * demo phone, operator endpoints without a token), so tests that talk to the gateway as a debtor or an operator sign
 * their own way in, as the company's systems would.
 */
public final class RealSettings {
    public static final String TWILIO_ACCOUNT_SID = "AC" + "0123456789abcdef".repeat(2);
    public static final String TWILIO_FROM = "+4759440000";
    public static final String SERVICE_TOKEN = "service-token-for-tests-0123456789abcdef";
    public static final String MYPAGE_SECRET = "my-page-secret-for-tests-0123456789abcdef";
    public static final String MYPAGE_ISSUER = "https://mypage.test";
    public static final String MYPAGE_AUDIENCE = "nora-chat";
    public static final String AGENT_SECRET = "agent-secret-for-tests-0123456789abcdef";
    public static final String AGENT_ISSUER = "https://sso.test";
    public static final String AGENT_AUDIENCE = "nora-agents";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RealSettings() {
    }

    /** Twilio's three settings plus the service token, for an account whose auth token is {@code authToken}. */
    public static Map<String, String> twilio(String authToken) {
        return Map.of("TWILIO_ACCOUNT_SID", TWILIO_ACCOUNT_SID, "TWILIO_AUTH_TOKEN", authToken,
                "TWILIO_FROM", TWILIO_FROM, "SERVICE_TOKEN", SERVICE_TOKEN);
    }

    /** My Page's key, issuer and audience. */
    public static Map<String, String> myPage() {
        return Map.of("MYPAGE_JWT_SECRET", MYPAGE_SECRET, "MYPAGE_JWT_ISSUER", MYPAGE_ISSUER,
                "MYPAGE_JWT_AUDIENCE", MYPAGE_AUDIENCE);
    }

    /** The agents' key, issuer and audience. */
    public static Map<String, String> agents() {
        return Map.of("AGENT_JWT_SECRET", AGENT_SECRET, "AGENT_JWT_ISSUER", AGENT_ISSUER,
                "AGENT_JWT_AUDIENCE", AGENT_AUDIENCE);
    }

    /** Several maps of settings as one. */
    @SafeVarargs
    public static Map<String, String> merged(Map<String, String>... parts) {
        var all = new HashMap<String, String>();
        for (var part : parts) {
            all.putAll(part);
        }
        return all;
    }

    /** A message sid as Twilio makes them: SM and 32 hex digits. */
    public static String messageSid() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "SM" + HexFormat.of().formatHex(bytes);
    }

    /** A My Page token for {@code debtorId}, as My Page would sign it, valid for an hour. */
    public static String myPageToken(String debtorId) {
        return sign(MYPAGE_SECRET, new JsonObject().put("sub", debtorId).put("iss", MYPAGE_ISSUER)
                .put("aud", MYPAGE_AUDIENCE), 3600);
    }

    /** An agent token, as the company's sign-in would sign it. */
    public static String agentToken(String sub, String name, String role) {
        return sign(AGENT_SECRET, new JsonObject().put("sub", sub).put("name", name).put("role", role)
                .put("iss", AGENT_ISSUER).put("aud", AGENT_AUDIENCE), 3600);
    }

    public static String sign(String secret, JsonObject claims, int seconds) {
        Vertx vertx = Vertx.vertx();
        try {
            return JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256")
                            .setBuffer(secret)))
                    .generateToken(claims, new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(seconds));
        } finally {
            vertx.close();
        }
    }
}
