package no.nora.bot.conversation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * One message of a conversation as stored and shown. Debtor text is always redacted before a Message is made.
 * {@code internal} marks an agent's private note: agents see it, the debtor never does. {@code links} are the bot's
 * buttons to elsewhere (My Page's receipt form, the widget's sign-in).
 */
public record Message(String id, Author from, String text, List<Choice> choices, Instant at, boolean internal,
                      List<Link> links) {

    public Message {
        choices = List.copyOf(choices);
        links = List.copyOf(links);
    }

    public Message(String id, Author from, String text, List<Choice> choices, Instant at, boolean internal) {
        this(id, from, text, choices, at, internal, List.of());
    }

    public static Message of(String id, Author from, String text, List<Choice> choices, Instant at) {
        return new Message(id, from, text, choices, at, false);
    }

    /**
     * The public JSON shape: {@code {"id", "from", "text", "choices": [{"label", "value"}], "at"}}, and
     * {@code "links": [{"label", "url"}]} when there are any.
     */
    public JsonObject toJson() {
        var json = new JsonObject()
                .put("id", id)
                .put("from", from.code())
                .put("text", text)
                .put("choices", new JsonArray(choices.stream()
                        .map(c -> new JsonObject().put("label", c.label()).put("value", c.value()))
                        .toList()))
                .put("at", no.nora.bot.text.Timestamps.text(at));
        if (!links.isEmpty()) {
            json.put("links", new JsonArray(links.stream()
                    .map(l -> new JsonObject().put("label", l.label()).put("url", l.url())).toList()));
        }
        if (internal) {
            json.put("internal", true);
        }
        return json;
    }
}
