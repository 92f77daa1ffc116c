package io.parley.naming;

import java.util.Locale;

/**
 * How a server resolves: {@link #ITERATIVE} answers from its own zones or refers the client to the
 * next server; {@link #RECURSIVE} follows the referrals itself and caches every answer on the way back.
 */
public enum ResolutionMode {
    ITERATIVE, RECURSIVE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code iterative} or {@code recursive}; null means the default, recursive. */
    public static ResolutionMode of(String text) {
        if (text == null || text.isEmpty()) {
            return RECURSIVE;
        }
        for (ResolutionMode mode : values()) {
            if (mode.wireName().equalsIgnoreCase(text)) {
                return mode;
            }
        }
        throw new InvalidNameException("mode '" + text + "' is not one of [iterative, recursive]");
    }
}
