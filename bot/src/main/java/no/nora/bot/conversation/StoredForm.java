package no.nora.bot.conversation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nora.bot.handoff.HandoffStatus;
import no.nora.intents.Language;

/**
 * How state and messages are written in a store: compact JSON for both (short keys, defaults left out, times as
 * epoch millis in letters), so a conversation of ten messages stays well under 2 KB in Redis.
 */
final class StoredForm {
    private StoredForm() {
    }

    /**
     * The state as one compact JSON string: short keys, and empty or default values left out. One string, not a
     * hash of fields: Redis writes and reads it as one value, without the per-field work.
     */
    static String state(ConversationState s) {
        var json = new JsonObject().put("ch", s.channel().code()).put("lang", s.language().code());
        // The token's subject may be an identity number: kept as letters ("sub"), given back for the case API call.
        s.debtorId().ifPresent(v -> json.put("sub", DigitFree.text(v)));
        s.phone().ifPresent(v -> json.put("phone", DigitFree.phone(v)));
        s.caseId().ifPresent(v -> json.put("case", v));
        s.task().ifPresent(v -> json.put("task", v));
        if (!s.slots().isEmpty()) {
            json.put("slots", new JsonObject(new HashMap<>(s.slots())));
        }
        if (s.handoff() != HandoffStatus.BOT) {
            json.put("handoff", s.handoff().code());
        }
        s.agentId().ifPresent(v -> json.put("agent", v));
        if (s.misses() != 0) {
            json.put("misses", s.misses());
        }
        if (s.redactionNoticeGiven()) {
            json.put("notice", 1);
        }
        json.put("tok", s.tokenHash()).put("at", DigitFree.count(s.createdAt().toEpochMilli()));
        s.lastDebtorMessageId().ifPresent(v -> json.put("last", v));
        return json.encode();
    }

    static ConversationState state(String id, String stored) {
        var json = new JsonObject(stored);
        var slots = new HashMap<String, String>();
        json.getJsonObject("slots", new JsonObject()).forEach(e -> slots.put(e.getKey(), String.valueOf(e.getValue())));
        return new ConversationState(
                id,
                channel(json.getString("ch")),
                Language.fromCode(json.getString("lang", "nb")).orElse(Language.NB),
                Optional.ofNullable(json.getString("sub")).map(DigitFree::textBack)
                        .or(() -> Optional.ofNullable(json.getString("debtor"))), // as written until 2026-12
                Optional.ofNullable(json.getString("phone")).map(DigitFree::phoneBack),
                Optional.ofNullable(json.getString("case")),
                Optional.ofNullable(json.getString("task")),
                slots,
                handoff(json.getString("handoff", "bot")),
                Optional.ofNullable(json.getString("agent")),
                json.getInteger("misses", 0),
                json.containsKey("notice"),
                json.getString("tok", ""),
                Instant.ofEpochMilli(DigitFree.countBack(json.getString("at", "A"))),
                Optional.ofNullable(json.getString("last")));
    }

    /**
     * The state as it was stored before (until 2026-11): a hash of string fields, empty ones included. Read only, so
     * conversations begun under an earlier version carry on after an upgrade.
     */
    static ConversationState stateFromFields(String id, Map<String, String> f) {
        var slots = new HashMap<String, String>();
        String slotJson = f.getOrDefault("slots", "");
        if (!slotJson.isEmpty()) {
            new JsonObject(slotJson).forEach(e -> slots.put(e.getKey(), String.valueOf(e.getValue())));
        }
        return new ConversationState(
                id,
                channel(f.get("ch")),
                Language.fromCode(f.getOrDefault("lang", "nb")).orElse(Language.NB),
                optional(f, "debtor"),
                optional(f, "phone").map(DigitFree::phoneBack),
                optional(f, "case"),
                optional(f, "task"),
                slots,
                handoff(f.getOrDefault("handoff", "bot")),
                optional(f, "agent"),
                Integer.parseInt(f.getOrDefault("misses", "0")),
                "1".equals(f.get("notice")),
                f.getOrDefault("tok", ""),
                Instant.ofEpochMilli(DigitFree.countBack(f.getOrDefault("at", "A"))),
                optional(f, "last"));
    }

    private static Channel channel(String code) {
        return Channel.valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }

    private static HandoffStatus handoff(String code) {
        return HandoffStatus.valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }

    private static Optional<String> optional(Map<String, String> f, String key) {
        return Optional.ofNullable(f.get(key)).filter(v -> !v.isEmpty());
    }

    static String message(Message m) {
        var json = new JsonObject().put("i", m.id()).put("f", m.from().code().substring(0, 1)).put("t", m.text())
                .put("a", DigitFree.count(m.at().toEpochMilli()));
        if (!m.choices().isEmpty()) {
            var choices = new JsonArray();
            m.choices().forEach(c -> choices.add(new JsonArray().add(c.label()).add(c.value())));
            json.put("c", choices);
        }
        if (!m.links().isEmpty()) {
            var links = new JsonArray();
            m.links().forEach(l -> links.add(new JsonArray().add(l.label()).add(l.url())));
            json.put("l", links);
        }
        if (m.internal()) {
            json.put("n", 1);
        }
        m.understood().ifPresent(u -> json.put("u", u.intent() + ":" + u.confidencePercent()));
        return json.encode();
    }

    static Message message(String stored) {
        var json = new JsonObject(stored);
        var choices = json.getJsonArray("c", new JsonArray()).stream()
                .map(JsonArray.class::cast)
                .map(c -> new Choice(c.getString(0), c.getString(1)))
                .toList();
        var links = json.getJsonArray("l", new JsonArray()).stream()
                .map(JsonArray.class::cast)
                .map(l -> new Link(l.getString(0), l.getString(1)))
                .toList();
        return new Message(json.getString("i"), author(json.getString("f")), json.getString("t"), choices,
                Instant.ofEpochMilli(DigitFree.countBack(json.getString("a"))), json.containsKey("n"),
                links, understood(json.getString("u")));
    }

    /** {@code intent:percent}, for agents' eyes. */
    private static Optional<Message.Understood> understood(String stored) {
        if (stored == null || stored.indexOf(':') < 0) {
            return Optional.empty();
        }
        int colon = stored.lastIndexOf(':');
        return Optional.of(new Message.Understood(stored.substring(0, colon), Integer.parseInt(stored.substring(colon + 1))));
    }

    /** A turn's message ids, remembered under the client's key. */
    static String messageIds(List<Message> messages) {
        return String.join(",", messages.stream().map(Message::id).toList());
    }

    static List<String> messageIds(String stored) {
        return List.of(stored.split(","));
    }

    private static Author author(String code) {
        return switch (code) {
            case "d" -> Author.DEBTOR;
            case "b" -> Author.BOT;
            case "a" -> Author.AGENT;
            default -> Author.SYSTEM;
        };
    }
}
