package no.nora.channels.webchat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.Optional;
import no.nora.bot.conversation.Ids;
import no.nora.channels.config.GatewayConfig.JwtKey;
import no.nora.channels.http.ApiException;

/**
 * Verifies My Page tokens: JWTs whose {@code sub} is the debtor id, signed with the configured HS256 secret or RS256
 * key. Without a configured key (demo mode) it verifies tokens signed with a random secret made at start, which only
 * {@link #issueDemo} can sign.
 */
final class MyPageTokens {
    private final JWTAuth auth;
    private final boolean demo;

    private MyPageTokens(JWTAuth auth, boolean demo) {
        this.auth = auth;
        this.demo = demo;
    }

    static MyPageTokens from(Vertx vertx, JwtKey key) {
        PubSecKeyOptions keyOptions;
        if (key.hs256Secret().isPresent()) {
            keyOptions = new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(key.hs256Secret().get());
        } else if (key.rs256PublicKey().isPresent()) {
            keyOptions = new PubSecKeyOptions().setAlgorithm("RS256").setBuffer(key.rs256PublicKey().get());
        } else {
            keyOptions = new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Ids.random(64));
        }
        return new MyPageTokens(JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(keyOptions)), key.demo());
    }

    boolean demo() {
        return demo;
    }

    /** The debtor id of a valid token; a 401 for an invalid or expired one (never an anonymous session). */
    Future<String> debtorId(String token) {
        return auth.authenticate(new TokenCredentials(token))
                .map(user -> Optional.ofNullable(user.principal().getValue("sub"))
                        .filter(String.class::isInstance).map(String.class::cast).filter(s -> !s.isBlank())
                        .orElseThrow(() -> ApiException.unauthorized("The My Page token names no debtor.")))
                .recover(failure -> Future.failedFuture(failure instanceof ApiException ? failure
                        : ApiException.unauthorized("The My Page token is invalid or has expired. Sign in again.")));
    }

    /** Signs a demo token; only in demo mode, where the secret never leaves this process. */
    String issueDemo(String debtorId, int minutes) {
        if (!demo) {
            throw new IllegalStateException("Demo tokens exist only in demo mode");
        }
        return auth.generateToken(new JsonObject().put("sub", debtorId),
                new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(minutes));
    }
}
