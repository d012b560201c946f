package no.nora.intents.eval;

import java.util.Locale;

/**
 * Just enough of a JSON writer for the evaluation and retraining reports (intents/ has no JSON library, and needs
 * none).
 */
public final class Json {
    private final StringBuilder out = new StringBuilder();
    private boolean needsComma;
    private int depth;

    public Json open(char bracket) {
        value();
        out.append(bracket);
        depth++;
        needsComma = false;
        return this;
    }

    public Json close(char bracket) {
        depth--;
        newline();
        out.append(bracket);
        needsComma = true;
        return this;
    }

    public Json key(String key) {
        if (needsComma) {
            out.append(',');
        }
        newline();
        quote(key);
        out.append(": ");
        needsComma = false;
        return this;
    }

    public Json string(String value) {
        value();
        quote(value);
        needsComma = true;
        return this;
    }

    public Json number(double value) {
        value();
        out.append(value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4f", value));
        needsComma = true;
        return this;
    }

    public Json bool(boolean value) {
        value();
        out.append(value);
        needsComma = true;
        return this;
    }

    public Json nullValue() {
        value();
        out.append("null");
        needsComma = true;
        return this;
    }

    /** Inside an array, values are separated here; after a key, the value follows directly. */
    private void value() {
        if (needsComma) {
            out.append(',');
            newline();
        } else if (depth > 0 && out.charAt(out.length() - 1) != ' ') {
            newline();
        }
    }

    private void newline() {
        out.append('\n').append("  ".repeat(Math.max(depth, 0)));
    }

    private void quote(String s) {
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out + "\n";
    }
}
