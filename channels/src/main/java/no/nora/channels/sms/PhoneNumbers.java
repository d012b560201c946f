package no.nora.channels.sms;

import java.util.regex.Pattern;

/** Phone numbers in E.164 form, and the masked form that is the only one allowed in logs. */
final class PhoneNumbers {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private PhoneNumbers() {
    }

    static boolean isE164(String number) {
        return number != null && E164.matcher(number).matches();
    }

    /** {@code +4791234567} → {@code +47…67}: enough to tell numbers apart in a log, never a digit run. */
    static String mask(String number) {
        if (number == null || number.length() < 6) {
            return "…";
        }
        return number.substring(0, 3) + "…" + number.substring(number.length() - 2);
    }
}
