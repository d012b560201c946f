package no.nora.bot;

import java.time.Instant;
import java.util.Optional;
import no.nora.bot.conversation.Channel;
import no.nora.intents.Language;

/**
 * A conversation about to start. {@code debtorId} comes only from a verified My Page token, and holds until that
 * token expires ({@code signedInUntil}); {@code phone}, {@code caseId} and {@code remindedAt} only from a verified SMS
 * webhook and the reminder the gateway sent to that number (its case, and when it went out).
 */
public record NewConversation(Channel channel, Language language, Optional<String> debtorId, Optional<String> phone,
                              Optional<String> caseId, Optional<Instant> remindedAt, Optional<Instant> signedInUntil) {

    public static NewConversation web(Language language, Optional<String> debtorId) {
        return new NewConversation(Channel.WEB, language, debtorId, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** A signed-in debtor's chat, which reads their cases only until their sign-in expires. */
    public static NewConversation signedIn(Language language, String debtorId, Instant until) {
        return new NewConversation(Channel.WEB, language, Optional.of(debtorId), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(until));
    }

    public static NewConversation sms(String phone, Optional<String> caseId) {
        return sms(phone, caseId, Optional.empty());
    }

    public static NewConversation sms(String phone, Optional<String> caseId, Optional<Instant> remindedAt) {
        return new NewConversation(Channel.SMS, Language.NB, Optional.empty(), Optional.of(phone), caseId, remindedAt,
                Optional.empty());
    }
}
