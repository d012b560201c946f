package no.nora.channels.agent;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.Optional;
import no.nora.bot.conversation.Ids;
import no.nora.bot.handoff.Agent;
import no.nora.channels.config.GatewayConfig;
import no.nora.redact.Redactor;

/**
 * Agents' tokens: JWTs verified with {@code AGENT_JWT_SECRET} (HS256) or {@code AGENT_JWT_PUBLIC_KEY} (RS256), with
 * {@code sub}, {@code name} and {@code role} ({@code agent} or {@code supervisor}). Without a key (the demo) tokens
 * are signed here with a secret made at start, for the demo sign-in only. A debtor's token has neither this key nor
 * a role, so it never opens the agent API.
 */
public final class AgentTokens {
    private static final int DEMO_TOKEN_SECONDS = 12 * 60 * 60;

    private final JWTAuth auth;
    private final boolean demo;

    private AgentTokens(JWTAuth auth, boolean demo) {
        this.auth = auth;
        this.demo = demo;
    }

    public static AgentTokens create(Vertx vertx, GatewayConfig.JwtKey key) {
        PubSecKeyOptions options;
        if (key.hs256Secret().isPresent()) {
            options = new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(key.hs256Secret().get()));
        } else if (key.rs256PublicKey().isPresent()) {
            options = new PubSecKeyOptions().setAlgorithm("RS256").setBuffer(Buffer.buffer(key.rs256PublicKey().get()));
        } else {
            options = new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(Ids.token()));
        }
        return new AgentTokens(JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(options)), key.demo());
    }

    public boolean demo() {
        return demo;
    }

    /** The agent a token names, or a failure when it is not a valid agent token. */
    public Future<Agent> verify(String token) {
        return auth.authenticate(new TokenCredentials(token)).compose(user -> agent(claims(user))
                .map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new IllegalArgumentException("Not an agent token"))));
    }

    /** A demo sign-in token; only in demo mode. */
    public String demoToken(String name, Agent.Role role) {
        if (!demo) {
            throw new IllegalStateException("Demo sign-in is off when an agent key is configured");
        }
        String cleanName = Redactor.redact(name.trim()).text();
        String sub = "demo" + Ids.hash(cleanName + "/" + role.code()).substring(0, 16);
        return auth.generateToken(new JsonObject().put("sub", sub).put("name", cleanName).put("role", role.code()),
                new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(DEMO_TOKEN_SECONDS));
    }

    private static JsonObject claims(User user) {
        JsonObject claims = user.attributes().getJsonObject("accessToken");
        return claims != null ? claims : user.principal();
    }

    private static Optional<Agent> agent(JsonObject claims) {
        Object sub = claims.getValue("sub");
        Object name = claims.getValue("name");
        Object role = claims.getValue("role");
        if (!(sub instanceof String id) || id.isBlank() || !(name instanceof String n) || n.isBlank()
                || !(role instanceof String r)) {
            return Optional.empty();
        }
        return Agent.Role.fromCode(r).map(parsedRole -> new Agent(storable(id), Redactor.redact(n.trim()).text(), parsedRole));
    }

    /** The agent id is stored with the conversation: an id with a long digit run (an employee number) is hashed. */
    static String storable(String sub) {
        return Ids.external(sub);
    }
}
