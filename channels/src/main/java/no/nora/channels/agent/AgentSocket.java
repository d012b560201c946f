package no.nora.channels.agent;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import no.nora.bot.handoff.Agent;
import no.nora.bot.handoff.Handoffs;
import no.nora.bot.live.ConversationEvents;
import no.nora.bot.live.Subscription;
import no.nora.channels.http.WebSocketUpgrades;

/**
 * One agent's live feed. The first message must be {@code {"type":"auth","token"}}. Then: queue changes for every
 * agent; messages, typing and status of the conversations the agent follows (their own, and any they open with
 * {@code {"type":"watch","conversationId"}}); and {@code {"type":"typing","conversationId"}} from the agent goes to
 * the debtor. While the socket is open the agent counts as online (a heartbeat every {@value #HEARTBEAT_MS} ms), and
 * every console hears {@code {"type":"agents"}} when someone comes or goes. Events are a fast path: after a reconnect
 * the console reloads from the API.
 */
final class AgentSocket {
    private static final long AUTH_TIMEOUT_MS = 10_000;
    static final long HEARTBEAT_MS = 20_000;

    private final Vertx vertx;
    private final Handoffs handoffs;
    private final AgentTokens tokens;
    private final Map<String, Subscription> watched = new HashMap<>();
    private Subscription agents;
    private Agent agent;
    private ServerWebSocket socket;
    private long heartbeat = -1;

    AgentSocket(Vertx vertx, Handoffs handoffs, AgentTokens tokens) {
        this.vertx = vertx;
        this.handoffs = handoffs;
        this.tokens = tokens;
    }

    void accept(RoutingContext ctx) {
        WebSocketUpgrades.accept(ctx).onSuccess(ws -> {
            this.socket = ws;
            long timer = vertx.setTimer(AUTH_TIMEOUT_MS, t -> {
                if (agent == null) {
                    ws.close((short) 1008, "auth required");
                }
            });
            ws.textMessageHandler(text -> {
                JsonObject message;
                try {
                    message = new JsonObject(text);
                } catch (DecodeException e) {
                    return;
                }
                if (agent == null) {
                    authenticate(message, timer);
                } else {
                    handle(message);
                }
            });
            ws.closeHandler(v -> stop());
        });
    }

    private void authenticate(JsonObject message, long timer) {
        String token = "auth".equals(message.getString("type")) ? message.getString("token") : null;
        if (token == null) {
            socket.close((short) 1008, "auth required");
            return;
        }
        tokens.verify(token).onComplete(result -> {
            if (result.failed()) {
                socket.close((short) 1008, "invalid token");
                return;
            }
            vertx.cancelTimer(timer);
            agent = result.result();
            agents = handoffs.events().subscribe(ConversationEvents.AGENTS, this::agentsEvent);
            agents.ready().onComplete(ready -> handoffs.queue(agent).onSuccess(entries -> {
                entries.stream().filter(e -> e.agentId().equals(Optional.of(agent.id())))
                        .forEach(e -> watch(e.conversationId()));
                send(new JsonObject().put("type", "ready").put("agent", AgentRoutes.agentJson(agent)));
                handoffs.agentSeen(agent).onComplete(seen -> announcePresence());
                heartbeat = vertx.setPeriodic(HEARTBEAT_MS, t -> handoffs.agentSeen(agent));
            }));
        });
    }

    private void handle(JsonObject message) {
        String conversationId = message.getString("conversationId");
        if (conversationId == null) {
            return;
        }
        switch (String.valueOf(message.getString("type"))) {
            case "watch" -> handoffs.canSee(conversationId, agent).onSuccess(allowed -> {
                if (allowed) {
                    watch(conversationId);
                }
            });
            case "unwatch" -> {
                var subscription = watched.remove(conversationId);
                if (subscription != null) {
                    subscription.cancel();
                }
            }
            case "typing" -> handoffs.typing(conversationId, agent);
            default -> {
            }
        }
    }

    private void agentsEvent(JsonObject event) {
        String type = event.getString("type");
        String conversationId = event.getString("conversationId");
        if ("queue".equals(type)) {
            String change = event.getString("change");
            if (("claimed".equals(change) || "transferred".equals(change)) && agent.id().equals(event.getString("agentId"))) {
                watch(conversationId);
            }
            send(event);
        } else if ("note".equals(type) && watched.containsKey(conversationId)) {
            send(event);
        } else if ("agents".equals(type)) {
            send(event);
        } else if ("reply-overdue".equals(type)
                && (agent.supervisor() || agent.id().equals(event.getString("agentId")))) {
            send(event);
        }
    }

    private void watch(String conversationId) {
        if (socket == null || watched.containsKey(conversationId)) {
            return;
        }
        watched.put(conversationId, handoffs.events().subscribe(ConversationEvents.conversation(conversationId),
                event -> send(event.copy().put("conversationId", conversationId))));
    }

    private void send(JsonObject event) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(event.encode());
        }
    }

    private void announcePresence() {
        handoffs.events().publish(ConversationEvents.AGENTS, new JsonObject().put("type", "agents"));
    }

    private void stop() {
        if (heartbeat >= 0) {
            vertx.cancelTimer(heartbeat);
        }
        if (agents != null) {
            agents.cancel();
        }
        watched.values().forEach(Subscription::cancel);
        watched.clear();
        // Only after this socket stopped listening: its own feed need not hear that it left.
        if (agent != null) {
            handoffs.agentGone(agent).onComplete(gone -> announcePresence());
        }
    }
}
