package no.nora.channels.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import no.nora.redact.Redactor;

/**
 * Writes each log event as one JSON object per line, and runs every value through the {@link Redactor}: a safety
 * net, so that a mistake anywhere else can never put an identity number into the logs. The timestamp, which this
 * encoder writes itself, is written so that it holds no long digit run either.
 */
public final class RedactingJsonEncoder extends EncoderBase<ILoggingEvent> {

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        var json = new StringBuilder(256).append('{');
        // Seconds and milliseconds apart: "12:30:15.123" would itself be a run of nine digits.
        Instant at = Instant.ofEpochMilli(event.getTimeStamp());
        json.append("\"time\":\"").append(at.truncatedTo(ChronoUnit.SECONDS)).append("\",\"ms\":")
                .append(at.toEpochMilli() % 1000).append(',');
        field(json, "level", event.getLevel().toString()).append(',');
        field(json, "logger", event.getLoggerName()).append(',');
        field(json, "thread", event.getThreadName()).append(',');
        field(json, "message", event.getFormattedMessage());
        event.getMDCPropertyMap().forEach((k, v) -> field(json.append(','), k, v));
        if (event.getThrowableProxy() != null) {
            field(json.append(','), "error", describe(event.getThrowableProxy()));
        }
        json.append("}\n");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    /**
     * The failure's type and where it happened, without its message: messages of parsers and decoders quote the
     * input ("Invalid hex byte … in string: 'name=Kari…'"), and the input may be anything a client sent.
     */
    private static String describe(IThrowableProxy throwable) {
        var out = new StringBuilder();
        for (var t = throwable; t != null; t = t.getCause()) {
            if (out.length() > 0) {
                out.append("\nCaused by: ");
            }
            out.append(t.getClassName());
            StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
            for (int i = 0; i < Math.min(frames.length, 12); i++) {
                out.append("\n\tat ").append(frames[i].getStackTraceElement());
            }
        }
        return out.toString();
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        quote(json, Redactor.redact(name).text()).append(':');
        return value == null ? json.append("null") : quote(json, Redactor.redact(value).text());
    }

    private static StringBuilder quote(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
