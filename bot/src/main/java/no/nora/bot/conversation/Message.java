package no.nora.bot.conversation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One message of a conversation as stored and shown. Debtor text is always redacted before a Message is made.
 * {@code internal} marks an agent's private note: agents see it, the debtor never does. {@code links} are the bot's
 * buttons to elsewhere (My Page's receipt form, the widget's sign-in). {@code understood} is what the classifier made
 * of a debtor's message, for agents only: it is in {@link #toAgentJson()}, never in {@link #toJson()}.
 */
public record Message(String id, Author from, String text, List<Choice> choices, Instant at, boolean internal,
                      List<Link> links, Optional<Understood> understood) {

    /** An intent and the classifier's confidence in it, in whole percent. */
    public record Understood(String intent, int confidencePercent) {
    }

    public Message {
        choices = List.copyOf(choices);
        links = List.copyOf(links);
    }

    public Message(String id, Author from, String text, List<Choice> choices, Instant at, boolean internal) {
        this(id, from, text, choices, at, internal, List.of(), Optional.empty());
    }

    public Message(String id, Author from, String text, List<Choice> choices, Instant at, boolean internal,
                   List<Link> links) {
        this(id, from, text, choices, at, internal, links, Optional.empty());
    }

    public Message understoodAs(String intent, double confidence) {
        return new Message(id, from, text, choices, at, internal, links,
                Optional.of(new Understood(intent, (int) Math.round(confidence * 100))));
    }

    public Message withText(String value) {
        return new Message(id, from, value, choices, at, internal, links, understood);
    }

    /** What agents get: the public shape, and what the bot understood of a debtor's message. */
    public JsonObject toAgentJson() {
        var json = toJson();
        understood.ifPresent(u -> json.put("understood",
                new JsonObject().put("intent", u.intent()).put("confidence", u.confidencePercent())));
        return json;
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
