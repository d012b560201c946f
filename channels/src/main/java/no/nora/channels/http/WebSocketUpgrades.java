package no.nora.channels.http;

import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;

/**
 * Turns a request into a WebSocket, or refuses it with the JSON error body: a request that is no upgrade, or one
 * Netty's handshake would refuse (a version other than 13, no key). Left to Vert.x, those got a plain-text answer and
 * an error in the log.
 */
public final class WebSocketUpgrades {
    private static final String VERSION = "13";

    private WebSocketUpgrades() {
    }

    /** The WebSocket; or a failed future, the client already answered. */
    public static Future<ServerWebSocket> accept(RoutingContext ctx) {
        var request = ctx.request();
        ApiException refused = null;
        if (!request.canUpgradeToWebSocket()) {
            refused = new ApiException(400, "websocket_expected",
                    "This address takes a WebSocket upgrade (Connection: Upgrade, Upgrade: websocket).");
        } else if (!VERSION.equals(request.getHeader("Sec-WebSocket-Version"))) {
            ctx.response().putHeader("Sec-WebSocket-Version", VERSION);
            refused = new ApiException(426, "upgrade_required", "Only WebSocket version 13 is spoken here.");
        } else if (request.getHeader("Sec-WebSocket-Key") == null || request.getHeader("Sec-WebSocket-Key").isBlank()) {
            refused = new ApiException(400, "bad_request", "A WebSocket upgrade needs a Sec-WebSocket-Key.");
        }
        if (refused != null) {
            ctx.fail(refused);
            return Future.failedFuture(refused);
        }
        return request.toWebSocket();
    }
}
