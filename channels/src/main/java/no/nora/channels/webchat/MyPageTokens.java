package no.nora.channels.webchat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import no.nora.channels.config.GatewayConfig.JwtKey;
import no.nora.channels.http.ApiException;
import no.nora.channels.http.SignedTokens;

/**
 * Verifies My Page tokens: JWTs whose {@code sub} is the debtor id, signed with the configured key and made for My
 * Page's audience (see {@link SignedTokens}). Without a configured key (demo mode) it verifies tokens signed with a
 * random secret made at start, which only {@link #issueDemo} can sign.
 */
final class MyPageTokens {
    private final SignedTokens tokens;

    private MyPageTokens(SignedTokens tokens) {
        this.tokens = tokens;
    }

    static MyPageTokens from(Vertx vertx, JwtKey key) {
        return new MyPageTokens(SignedTokens.create(vertx, key));
    }

    boolean demo() {
        return tokens.demo();
    }

    /** A debtor's sign-in: who, and until when My Page vouches for it (the token's expiry). */
    record SignIn(String debtorId, java.time.Instant until) {
    }

    /** The sign-in of a valid token; a 401 for an invalid or expired one (never an anonymous session). */
    Future<SignIn> signIn(String token) {
        return tokens.verify(token)
                .recover(failure -> Future.failedFuture(
                        ApiException.unauthorized("The My Page token is invalid or has expired. Sign in again.")))
                .map(claims -> new SignIn(claims.text("sub")
                        .orElseThrow(() -> ApiException.unauthorized("The My Page token names no debtor.")),
                        java.time.Instant.ofEpochSecond(claims.expiresAtSecond())));
    }

    /** Signs a demo token; only in demo mode, where the secret never leaves this process. */
    String issueDemo(String debtorId, int minutes) {
        return tokens.issueDemo(new JsonObject().put("sub", debtorId), minutes * 60);
    }
}
