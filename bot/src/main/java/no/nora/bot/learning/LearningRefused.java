package no.nora.bot.learning;

/** A learning-loop request that cannot be done as asked (an API answers 404 or 409). Holds no debtor data. */
public final class LearningRefused extends RuntimeException {
    public enum Kind { NOT_FOUND, CONFLICT }

    private final Kind kind;

    public LearningRefused(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
