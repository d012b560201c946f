package no.nora.channels.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.nio.channels.ClosedChannelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one error body of the whole gateway: {@code {"error": "<code>", "message": "<plain sentence>"}}. Every 4xx and
 * 5xx goes through here, so no client ever sees a stack trace or an HTML error page.
 */
public final class ErrorResponses {
    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    public static void install(Router router) {
        router.route().failureHandler(ErrorResponses::handleFailure);
        // The router's own refusals (a malformed path, say) get the same JSON body as everything else.
        router.errorHandler(400, ctx -> send(ctx, 400, "bad_request", "The request could not be understood."));
        router.errorHandler(404, ctx -> send(ctx, 404, "not_found", "There is nothing at this address."));
        router.errorHandler(405, ctx -> send(ctx, 405, "method_not_allowed", "This address does not accept "
                + ctx.request().method().name() + "."));
        router.errorHandler(413, ctx -> send(ctx, 413, "payload_too_large", "The request body is too large."));
        router.errorHandler(500, ErrorResponses::handleFailure);
    }

    /**
     * A request Netty could not even parse (a malformed request line or header, a line or headers too long): the
     * same statuses Vert.x gives, with the JSON body; then the connection is closed, as nothing on it can be trusted.
     */
    public static void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        var response = request.response().putHeader("Connection", "close");
        if (cause instanceof TooLongHttpLineException) {
            end(response, 414, "uri_too_long", "The request line is too long.");
        } else if (cause instanceof TooLongHttpHeaderException) {
            end(response, 431, "headers_too_large", "The request headers are too large.");
        } else {
            end(response, 400, "bad_request", "The request could not be understood.");
        }
        request.connection().close();
    }

    public static void send(RoutingContext ctx, int status, String error, String message) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        end(ctx.response(), status, error, message);
    }

    private static void end(HttpServerResponse response, int status, String error, String message) {
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("error", error).put("message", message).encode());
    }

    private static void handleFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ApiException api) {
            if (api.status() == 429 || api.status() == 503) {
                ctx.response().putHeader("Retry-After", ctx.response().headers().get("Retry-After") != null
                        ? ctx.response().headers().get("Retry-After") : "1");
            }
            send(ctx, api.status(), api.error(), api.getMessage());
        } else if (failure instanceof DecodeException || failure instanceof IllegalArgumentException
                && failure.getCause() instanceof DecodeException) {
            send(ctx, 400, "malformed_json", "The request body is not valid JSON.");
        } else if (MalformedRequests.isMalformedRequest(failure)) {
            send(ctx, 400, "malformed_body", "The request body could not be read as its Content-Type says.");
        } else if (failure instanceof HttpException http) {
            sendStatus(ctx, http.getStatusCode());
        } else if (ctx.statusCode() >= 400 && (failure == null || ctx.statusCode() < 500)) {
            // The router's own refusals, with or without an exception (HTTP/1.1 without a Host header, say).
            sendStatus(ctx, ctx.statusCode());
        } else if (ctx.response().closed() || failure instanceof ClosedChannelException) {
            // The client went away (a file half sent, a body cut off): there is no one to answer, and no bug.
            log.debug("Request ended by a closed connection on {} {}", abbreviated(ctx.request().method().name()),
                    abbreviated(ctx.request().path()));
        } else {
            // The client learns nothing about internals. The log names the failure and where it happened; the
            // encoder leaves out its message, which may quote the request.
            log.error("Unhandled failure on {} {}", abbreviated(ctx.request().method().name()),
                    abbreviated(ctx.request().path()), failure);
            send(ctx, 500, "internal_error", "Something went wrong on our side. Please try again.");
        }
    }

    /** A method or path as the client chose it, kept short in the log: both can be made up and huge. */
    private static String abbreviated(String chosenByClient) {
        return chosenByClient == null || chosenByClient.length() <= 120 ? chosenByClient
                : chosenByClient.substring(0, 120) + "…";
    }

    private static void sendStatus(RoutingContext ctx, int status) {
        switch (status) {
            case 400 -> send(ctx, 400, "bad_request", "The request could not be understood.");
            case 401 -> send(ctx, 401, "unauthorized", "Sign-in is required.");
            case 403 -> send(ctx, 403, "forbidden", "This is not allowed.");
            case 404 -> send(ctx, 404, "not_found", "There is nothing at this address.");
            case 405 -> send(ctx, 405, "method_not_allowed", "This address does not accept this method.");
            case 413 -> send(ctx, 413, "payload_too_large", "The request body is too large.");
            case 415 -> send(ctx, 415, "unsupported_media_type", "Send the request body as JSON.");
            default -> send(ctx, status, status < 500 ? "bad_request" : "internal_error",
                    status < 500 ? "The request could not be handled." : "Something went wrong on our side.");
        }
    }
}
