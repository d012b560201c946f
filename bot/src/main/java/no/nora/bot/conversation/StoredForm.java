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
 * How state and messages are written in a store: flat string fields for the state hash and compact JSON for
 * messages (short keys, epoch millis), so a conversation of ten messages stays well under 2 KB in Redis.
 */
final class StoredForm {
    private StoredForm() {
    }

    static Map<String, String> fields(ConversationState s) {
        var f = new HashMap<String, String>();
        f.put("ch", s.channel().code());
        f.put("lang", s.language().code());
        f.put("debtor", s.debtorId().orElse(""));
        f.put("phone", s.phone().map(DigitFree::phone).orElse(""));
        f.put("case", s.caseId().orElse(""));
        f.put("task", s.task().orElse(""));
        f.put("slots", s.slots().isEmpty() ? "" : new JsonObject(new HashMap<>(s.slots())).encode());
        f.put("handoff", s.handoff().code());
        f.put("agent", s.agentId().orElse(""));
        f.put("misses", Integer.toString(s.misses()));
        f.put("notice", s.redactionNoticeGiven() ? "1" : "0");
        f.put("tok", s.tokenHash());
        f.put("at", DigitFree.count(s.createdAt().toEpochMilli()));
        f.put("last", s.lastDebtorMessageId().orElse(""));
        return f;
    }

    static ConversationState state(String id, Map<String, String> f) {
        var slots = new HashMap<String, String>();
        String slotJson = f.getOrDefault("slots", "");
        if (!slotJson.isEmpty()) {
            new JsonObject(slotJson).forEach(e -> slots.put(e.getKey(), String.valueOf(e.getValue())));
        }
        return new ConversationState(
                id,
                Channel.valueOf(f.get("ch").toUpperCase(java.util.Locale.ROOT)),
                Language.fromCode(f.getOrDefault("lang", "nb")).orElse(Language.NB),
                optional(f, "debtor"),
                optional(f, "phone").map(DigitFree::phoneBack),
                optional(f, "case"),
                optional(f, "task"),
                slots,
                HandoffStatus.valueOf(f.getOrDefault("handoff", "bot").toUpperCase(java.util.Locale.ROOT)),
                optional(f, "agent"),
                Integer.parseInt(f.getOrDefault("misses", "0")),
                "1".equals(f.get("notice")),
                f.getOrDefault("tok", ""),
                Instant.ofEpochMilli(DigitFree.countBack(f.getOrDefault("at", "A"))),
                optional(f, "last"));
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
        if (m.internal()) {
            json.put("n", 1);
        }
        return json.encode();
    }

    static Message message(String stored) {
        var json = new JsonObject(stored);
        var choices = json.getJsonArray("c", new JsonArray()).stream()
                .map(JsonArray.class::cast)
                .map(c -> new Choice(c.getString(0), c.getString(1)))
                .toList();
        return new Message(json.getString("i"), author(json.getString("f")), json.getString("t"), choices,
                Instant.ofEpochMilli(DigitFree.countBack(json.getString("a"))), json.containsKey("n"));
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
