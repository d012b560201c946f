package no.nora.bot.learning;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import no.nora.redact.Redactor;

/**
 * A debtor's message for the team to review: its redacted text, why it is here, what the bot made of it, and, once a
 * supervisor has looked at it, their decision. Stored as JSON whose numbers are short (a whole percent; times to the
 * second, ISO), so no stored value holds a run of digits.
 *
 * @param confidence the bot's confidence in its guess, in whole percent
 */
public record ReviewItem(String id, String conversationId, String channel, String text, ReviewReason reason,
                         String guess, int confidence, String language, Instant at, Optional<Decision> decision) {

    /**
     * Five digits or more, single spaces, dots or dashes between them allowed: half a number typed over two messages
     * ("fnr 179120", then "99997") is not kept for the team. The model reads every number as {@code num} anyway.
     */
    private static final java.util.regex.Pattern PART_OF_A_NUMBER =
            java.util.regex.Pattern.compile("\\p{Nd}(?:[ .\\-]?\\p{Nd}){4,}");

    public ReviewItem {
        // The last step before a sink, whatever the caller did.
        text = PART_OF_A_NUMBER.matcher(Redactor.redact(text).text()).replaceAll(Redactor.PLACEHOLDER);
        at = at.truncatedTo(ChronoUnit.SECONDS);
    }

    public boolean open() {
        return decision.isEmpty();
    }

    public ReviewItem decided(Decision value) {
        return new ReviewItem(id, conversationId, channel, text, reason, guess, confidence, language, at,
                Optional.of(value));
    }

    /** What a supervisor decided: the right intent (and language), a new intent is needed, or nothing to learn. */
    public record Decision(Kind kind, Optional<String> intent, String language, Optional<String> note, String by,
                           Instant at) {
        public Decision {
            note = note.map(n -> Redactor.redact(n).text());
            at = at.truncatedTo(ChronoUnit.SECONDS);
        }

        public enum Kind {
            LABEL, NEW_INTENT, DISMISS;

            public String code() {
                return name().toLowerCase(Locale.ROOT).replace('_', '-');
            }

            public static Optional<Kind> fromCode(String code) {
                for (Kind k : values()) {
                    if (k.code().equals(code)) {
                        return Optional.of(k);
                    }
                }
                return Optional.empty();
            }
        }

        JsonObject toJson() {
            return new JsonObject().put("kind", kind.code()).put("intent", intent.orElse(null)).put("language", language)
                    .put("note", note.orElse(null)).put("by", by).put("at", at.toString());
        }

        static Decision fromJson(JsonObject json) {
            return new Decision(Kind.fromCode(json.getString("kind")).orElseThrow(),
                    Optional.ofNullable(json.getString("intent")), json.getString("language"),
                    Optional.ofNullable(json.getString("note")), json.getString("by"),
                    Instant.parse(json.getString("at")));
        }
    }

    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("conversationId", conversationId).put("channel", channel)
                .put("text", text)
                .put("reason", reason.code()).put("guess", guess).put("confidence", confidence)
                .put("language", language).put("at", at.toString())
                .put("decision", decision.map(Decision::toJson).orElse(null));
    }

    public static ReviewItem fromJson(JsonObject json) {
        return new ReviewItem(json.getString("id"), json.getString("conversationId"),
                json.getString("channel", "web"), json.getString("text"),
                ReviewReason.fromCode(json.getString("reason")).orElseThrow(), json.getString("guess"),
                json.getInteger("confidence"), json.getString("language"), Instant.parse(json.getString("at")),
                Optional.ofNullable(json.getJsonObject("decision")).map(Decision::fromJson));
    }
}
