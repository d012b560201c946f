package no.nora.bot.handoff;

import java.util.Locale;
import java.util.Optional;

/**
 * A signed-in person at the customer centre. {@code id} holds no run of digits (channels make sure), because it is
 * stored with the conversation; {@code name} is shown to the debtor by first name.
 */
public record Agent(String id, String name, Role role) {

    public enum Role {
        /** Sees the queue and their own conversations. */
        AGENT,
        /** Sees and may act on every conversation. */
        SUPERVISOR;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Role> fromCode(String code) {
            for (Role role : values()) {
                if (role.code().equals(code)) {
                    return Optional.of(role);
                }
            }
            return Optional.empty();
        }
    }

    public String firstName() {
        String trimmed = name.trim();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    public boolean supervisor() {
        return role == Role.SUPERVISOR;
    }
}
