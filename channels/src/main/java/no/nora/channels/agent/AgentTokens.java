package no.nora.channels.agent;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import no.nora.bot.conversation.Ids;
import no.nora.bot.handoff.Agent;
import no.nora.channels.config.GatewayConfig;
import no.nora.channels.http.SignedTokens;
import no.nora.redact.Redactor;

/**
 * Agents' tokens: JWTs verified with {@code AGENT_JWT_SECRET} (HS256) or {@code AGENT_JWT_PUBLIC_KEY} (RS256), made
 * for the agents' audience, with {@code sub}, {@code name} and {@code role} ({@code agent} or {@code supervisor}).
 * Without a key (the demo) tokens are signed here with a secret made at start, for the demo sign-in only. A debtor's
 * token has neither this key (or, with one shared key, this audience) nor a role, so it never opens the agent API.
 */
public final class AgentTokens {
    private static final int DEMO_TOKEN_SECONDS = 12 * 60 * 60;

    private final SignedTokens tokens;

    private AgentTokens(SignedTokens tokens) {
        this.tokens = tokens;
    }

    public static AgentTokens create(Vertx vertx, GatewayConfig.JwtKey key) {
        return new AgentTokens(SignedTokens.create(vertx, key));
    }

    public boolean demo() {
        return tokens.demo();
    }

    /** The agent a token names, or a failure when it is not a valid agent token. */
    public Future<Agent> verify(String token) {
        return tokens.verify(token).compose(claims -> agent(claims.json())
                .map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new IllegalArgumentException("Not an agent token"))));
    }

    /** A demo sign-in token; only in demo mode. */
    public String demoToken(String name, Agent.Role role) {
        String cleanName = Redactor.redact(name.trim()).text();
        String sub = "demo" + Ids.hash(cleanName + "/" + role.code()).substring(0, 16);
        return tokens.issueDemo(new JsonObject().put("sub", sub).put("name", cleanName).put("role", role.code()),
                DEMO_TOKEN_SECONDS);
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
