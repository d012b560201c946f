package no.nora.channels.agent;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import no.nora.bot.conversation.Channel;
import no.nora.bot.handoff.Agent;
import no.nora.bot.handoff.HandoffReason;
import no.nora.bot.handoff.QueueEntry;
import no.nora.channels.http.ApiException;
import no.nora.intents.Language;

/**
 * One inbox request: the view ({@code queue}, {@code mine}, {@code open} for supervisors, {@code ended}), filters by
 * channel, language and handoff reason, and a search text matched against the conversation id, the case id, and
 * the creditor and reference of the debtor's cases.
 */
record InboxQuery(View view, Optional<Channel> channel, Optional<Language> language, Optional<HandoffReason> reason,
                  Optional<String> text) {

    enum View {
        QUEUE, MINE, OPEN, ENDED;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static InboxQuery from(MultiMap params, Agent agent, int maxText) {
        View view = parse(params.get("view"), View.class, "view").orElse(View.QUEUE);
        if (view == View.OPEN && !agent.supervisor()) {
            throw ApiException.forbidden("All open conversations are for supervisors.");
        }
        String text = params.get("q");
        if (text != null && text.length() > maxText) {
            throw ApiException.badRequest("The parameter 'q' must be at most " + maxText + " characters.");
        }
        return new InboxQuery(view, parse(params.get("channel"), Channel.class, "channel"),
                parse(params.get("language"), Language.class, "language"),
                parse(params.get("reason"), HandoffReason.class, "reason"),
                Optional.ofNullable(text).map(String::strip).filter(t -> !t.isEmpty()));
    }

    private static <E extends Enum<E>> Optional<E> parse(String value, Class<E> type, String name) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equalsIgnoreCase(value)).findFirst()
                .map(Optional::of).orElseThrow(() -> ApiException.badRequest("The parameter '" + name + "' must be one of "
                        + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList() + "."));
    }

    boolean matchesFilters(QueueEntry entry) {
        return channel.map(c -> c == entry.channel()).orElse(true)
                && language.map(l -> l == entry.language()).orElse(true)
                && reason.map(r -> r == entry.reason()).orElse(true);
    }

    boolean matchesIds(QueueEntry entry) {
        return text.map(t -> entry.conversationId().equalsIgnoreCase(t)
                || entry.caseId().map(c -> c.equalsIgnoreCase(t)).orElse(false)).orElse(true);
    }

    /** True when a case's creditor or reference contains the text (case-insensitive). */
    boolean matchesCases(JsonArray cases) {
        String needle = text.orElse("").toLowerCase(Locale.ROOT);
        for (int i = 0; i < cases.size(); i++) {
            JsonObject c = cases.getJsonObject(i);
            if (contains(c.getString("creditor"), needle) || contains(c.getString("reference"), needle)
                    || contains(c.getString("id"), needle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String value, String needle) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(needle);
    }
}
