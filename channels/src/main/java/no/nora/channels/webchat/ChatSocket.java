package no.nora.channels.webchat;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import no.nora.bot.ConversationEngine;
import no.nora.bot.live.ConversationEvents;
import no.nora.bot.live.Subscription;
import no.nora.channels.http.ApiException;
import no.nora.channels.http.WebSocketUpgrades;

/**
 * One browser's live connection to its conversation. The first frame must be {@code {"type":"auth","token":...}}
 * (browsers cannot set headers on a WebSocket, and a token in the URL would land in access logs; {@code ?token=} is
 * accepted too). Then it pushes the conversation's events – never agents' internal notes – and accepts the debtor's
 * messages (the same path as REST) and typing.
 */
final class ChatSocket {
    /** Application close codes: 4401 not authorised, 4403 wrong token or conversation. */
    static final short UNAUTHORISED = 4401;
    static final short REFUSED = 4403;

    private final Vertx vertx;
    private final ConversationEngine engine;
    private final ConversationAccess access;
    private final DebtorMessages messages;
    private final String conversationId;
    private ServerWebSocket socket;
    private Subscription subscription;
    private boolean authorising;
    /** The token this socket was opened with, once checked. */
    private String token;

    ChatSocket(Vertx vertx, ConversationEngine engine, ConversationAccess access, DebtorMessages messages,
               String conversationId) {
        this.vertx = vertx;
        this.engine = engine;
        this.access = access;
        this.messages = messages;
        this.conversationId = conversationId;
    }

    static void accept(Vertx vertx, ConversationEngine engine, ConversationAccess access, DebtorMessages messages,
                       RoutingContext ctx) {
        var chat = new ChatSocket(vertx, engine, access, messages, ctx.pathParam("id"));
        Optional<String> queryToken = Optional.ofNullable(ctx.queryParams().get("token")).filter(t -> !t.isBlank());
        WebSocketUpgrades.accept(ctx).onSuccess(socket -> chat.run(socket, queryToken));
    }

    private void run(ServerWebSocket ws, Optional<String> queryToken) {
        this.socket = ws;
        ws.closeHandler(v -> unsubscribe());
        ws.exceptionHandler(e -> ws.close());
        ws.textMessageHandler(this::onFrame);
        queryToken.ifPresent(this::authorise);
        // A connection that never authorises is dropped rather than kept open.
        vertx.setTimer(10_000, t -> {
            if (subscription == null && !ws.isClosed()) {
                ws.close(UNAUTHORISED, "auth required");
            }
        });
    }

    private void onFrame(String frame) {
        JsonObject json;
        try {
            json = new JsonObject(frame);
        } catch (DecodeException e) {
            error("malformed_json", "Send JSON objects.", Optional.empty());
            return;
        }
        String type = json.getValue("type") instanceof String t ? t : "";
        if (subscription == null) {
            if (type.equals("auth") && json.getValue("token") instanceof String token && !authorising) {
                authorise(token);
            } else if (!authorising) {
                socket.close(UNAUTHORISED, "auth required");
            }
            return;
        }
        switch (type) {
            case "message" -> message(json);
            case "typing" -> engine.events().publish(ConversationEvents.conversation(conversationId),
                    new JsonObject().put("type", "typing").put("from", "debtor"));
            case "auth" -> { }
            default -> error("bad_request", "Unknown frame type.", Optional.empty());
        }
    }

    private void authorise(String token) {
        authorising = true;
        access.open(conversationId, token).onComplete(result -> {
            authorising = false;
            if (socket.isClosed()) {
                return;
            }
            if (result.failed()) {
                socket.close(REFUSED, "refused");
                return;
            }
            this.token = token;
            String language = result.result().language().code();
            subscription = engine.events().subscribe(ConversationEvents.conversation(conversationId), this::push);
            // "ready" only once events reach this socket, so the client misses none it did not fetch.
            subscription.ready().onComplete(subscribed -> {
                if (socket.isClosed()) {
                    unsubscribe();
                    return;
                }
                socket.writeTextMessage(new JsonObject().put("type", "ready").put("language", language).encode());
            });
        });
    }

    /**
     * Forwards messages (new, and changed after the fact: a number split over messages is removed from the earlier
     * ones), status and others' typing; never internal notes, never the debtor's own typing.
     */
    private void push(JsonObject event) {
        String type = event.getString("type", "");
        boolean forward = switch (type) {
            case "message", "message-updated" -> event.getJsonObject("message") != null
                    && !event.getJsonObject("message").getBoolean("internal", false);
            case "typing" -> !"debtor".equals(event.getString("from"));
            case "status" -> true;
            default -> false;
        };
        if (forward && !socket.isClosed()) {
            socket.writeTextMessage(event.encode());
        }
    }

    private void message(JsonObject json) {
        if (!(json.getValue("text") instanceof String text)) {
            error("bad_request", "The field 'text' is required and must be text.", Optional.empty());
            return;
        }
        Object key = json.getValue("clientMessageId");
        if (key != null && !(key instanceof String)) {
            error("bad_request", "The field 'clientMessageId' must be text.", Optional.empty());
            return;
        }
        Optional<String> clientMessageId = Optional.ofNullable((String) key);
        messages.receive(conversationId, text, clientMessageId, token, true).onComplete(result -> {
            if (socket.isClosed()) {
                return;
            }
            if (result.succeeded()) {
                socket.writeTextMessage(new JsonObject().put("type", "ack")
                        .put("clientMessageId", clientMessageId.orElse(null))
                        .put("messages", ChatRoutes.render(result.result()))
                        .put("language", result.result().state().language().code()).encode());
            } else {
                Throwable failure = ChatRoutes.asApiFailure(result.cause(), null);
                if (failure instanceof ApiException api) {
                    error(api.error(), api.getMessage(), clientMessageId);
                } else {
                    error("internal_error", "Something went wrong on our side. Please try again.", clientMessageId);
                }
            }
        });
    }

    private void error(String code, String message, Optional<String> clientMessageId) {
        var frame = new JsonObject().put("type", "error").put("error", code).put("message", message);
        clientMessageId.ifPresent(id -> frame.put("clientMessageId", id));
        socket.writeTextMessage(frame.encode());
    }

    private void unsubscribe() {
        if (subscription != null) {
            subscription.cancel();
        }
    }
}
