package no.nora.intents;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a debtor's message asks for. The names are the ones the corpus, the API and the reports use. */
public enum Intent {
    INVOICE_COPY,
    PAYMENT_RECEIVED,
    INSTALMENT_REQUEST,
    DEFERRAL_REQUEST,
    BALANCE_INQUIRY,
    COMPLAINT,
    HUMAN_HANDOFF,
    CONTACT_INFO,
    FRAUD_CHECK,
    HARDSHIP,
    GREETING,
    GOODBYE,
    AFFIRM,
    DENY,
    OUT_OF_SCOPE;

    /** The name as written in the corpus and the parse API, e.g. {@code invoice_copy}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Intent> fromLabel(String label) {
        return Arrays.stream(values()).filter(i -> i.label().equals(label)).findFirst();
    }
}
