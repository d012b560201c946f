package no.nora.channels.sms;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import no.nora.channels.http.ApiException;

/**
 * What a genuine Twilio webhook looks like, beyond its signature. Twilio signs the URL followed by each name and value
 * run together, so one signed request can be re-split into other names and values ({@code Body=STOP}, another
 * {@code From}) under the same signature: only Twilio's own parameter names are accepted, each once, and the account,
 * our number, the sender's number and the message's sid must each be what Twilio would send us.
 */
final class TwilioParameters {
    /** Our side of the exchange: the account webhooks must name, and the number(s) debtors write to. */
    record Ours(String accountSid, Set<String> numbers) {
    }

    private static final Pattern MESSAGE_SID = Pattern.compile("(SM|MM)[0-9a-f]{32}");
    private static final Pattern MEDIA = Pattern.compile("Media(ContentType|Url)[0-9]");
    private static final Set<String> COMMON = Set.of("MessageSid", "SmsSid", "SmsMessageSid", "AccountSid",
            "MessagingServiceSid", "From", "To", "ApiVersion", "SmsStatus");
    private static final Set<String> INBOUND = Set.of("Body", "NumMedia", "NumSegments", "FromCity", "FromState",
            "FromZip", "FromCountry", "ToCity", "ToState", "ToZip", "ToCountry", "ReferralNumMedia", "OptOutType",
            "ProfileName", "WaId", "Forwarded", "FrequentlyForwarded", "ButtonText", "ButtonPayload", "AddOns",
            "MessageType", "ChannelMetadata", "Latitude", "Longitude", "Address", "Label");
    private static final Set<String> STATUS = Set.of("MessageStatus", "ErrorCode", "ErrorMessage", "RawDlrDoneDate",
            "ChannelToAddress", "ChannelPrefix", "ChannelInstallSid", "EventType", "StructuredMessage");

    private final Ours ours;

    TwilioParameters(Ours ours) {
        this.ours = ours;
    }

    /** An inbound SMS: every name Twilio's, our account, to our number, from a real number, a well-formed sid. */
    void checkInbound(Map<String, String> params) {
        onlyKnownNames(params, INBOUND);
        checkSidAndAccount(params);
        if (!ours.numbers().contains(params.get("To"))) {
            throw ApiException.badRequest("The webhook's 'To' is not one of our numbers.");
        }
        if (!PhoneNumbers.isE164(params.get("From"))) {
            throw ApiException.badRequest("The webhook's 'From' is not a phone number in E.164 form.");
        }
    }

    /** A delivery status callback: the same names rule, our account, a well-formed sid. */
    void checkStatus(Map<String, String> params) {
        onlyKnownNames(params, STATUS);
        checkSidAndAccount(params);
    }

    private void checkSidAndAccount(Map<String, String> params) {
        String sid = params.get("MessageSid");
        if (sid == null || !MESSAGE_SID.matcher(sid).matches()) {
            throw ApiException.badRequest("The webhook's 'MessageSid' is missing or not a message sid.");
        }
        if (!ours.accountSid().equals(params.get("AccountSid"))) {
            throw ApiException.badRequest("The webhook's 'AccountSid' is not our account.");
        }
    }

    private static void onlyKnownNames(Map<String, String> params, Set<String> kind) {
        for (String name : params.keySet()) {
            if (!COMMON.contains(name) && !kind.contains(name) && !MEDIA.matcher(name).matches()) {
                throw ApiException.badRequest("The webhook carries a parameter Twilio does not send.");
            }
        }
    }
}
