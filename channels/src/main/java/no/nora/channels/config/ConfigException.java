package no.nora.channels.config;

/** An invalid setting. The message is one line an operator can act on, naming the variable. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
