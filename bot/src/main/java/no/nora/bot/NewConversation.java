package no.nora.bot;

import java.util.Optional;
import no.nora.bot.conversation.Channel;
import no.nora.intents.Language;

/**
 * A conversation about to start. {@code debtorId} comes only from a verified My Page token; {@code phone} and
 * {@code caseId} only from a verified SMS webhook and the reminder sent to that number.
 */
public record NewConversation(Channel channel, Language language, Optional<String> debtorId, Optional<String> phone,
                              Optional<String> caseId) {

    public static NewConversation web(Language language, Optional<String> debtorId) {
        return new NewConversation(Channel.WEB, language, debtorId, Optional.empty(), Optional.empty());
    }

    public static NewConversation sms(String phone, Optional<String> caseId) {
        return new NewConversation(Channel.SMS, Language.NB, Optional.empty(), Optional.of(phone), caseId);
    }
}
