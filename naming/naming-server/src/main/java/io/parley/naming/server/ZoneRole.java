package io.parley.naming.server;

import java.util.Locale;

/** A server's role for a zone: the {@link #PRIMARY} takes writes; a {@link #SECONDARY} copies it by serial and answers reads. */
public enum ZoneRole {
    PRIMARY, SECONDARY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ZoneRole of(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
