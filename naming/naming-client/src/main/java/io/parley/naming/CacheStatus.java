package io.parley.naming;

import java.util.Locale;

/** Where an answer came from, sent as the header {@code Parley-Cache} on every resolve answer. */
public enum CacheStatus {
    /** A fresh cached copy. */
    HIT,
    /** Not from a cache: an authoritative answer or one fetched upstream just now. */
    MISS,
    /** A cached copy past its TTL, served (within a bound) because the upstream server was unreachable. */
    STALE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CacheStatus of(String text) {
        return text == null ? MISS : valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
