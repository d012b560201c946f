package no.nora.channels.sms;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.regex.Pattern;

/**
 * Phone numbers in E.164 form, checked by libphonenumber (a number that could be dialled, not just digits after a
 * plus), and the masked form that is the only one allowed in logs.
 */
final class PhoneNumbers {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final PhoneNumberUtil NUMBERS = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    static boolean isE164(String number) {
        if (number == null || !E164.matcher(number).matches()) {
            return false;
        }
        try {
            return NUMBERS.isValidNumber(NUMBERS.parse(number, null));
        } catch (NumberParseException e) {
            return false;
        }
    }

    /** {@code +4791234567} → {@code +47…67}: enough to tell numbers apart in a log, never a digit run. */
    static String mask(String number) {
        if (number == null || number.length() < 6) {
            return "…";
        }
        return number.substring(0, 3) + "…" + number.substring(number.length() - 2);
    }
}
