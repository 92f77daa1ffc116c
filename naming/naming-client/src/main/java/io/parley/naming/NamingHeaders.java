package io.parley.naming;

/** The HTTP headers of the naming contract. */
public final class NamingHeaders {

    /** On every resolve answer: {@code hit}, {@code miss} or {@code stale} (see {@link CacheStatus}). */
    public static final String CACHE = "Parley-Cache";
    /** On every write answer: the {@link VersionToken} of the write ({@code /nl@17}). */
    public static final String VERSION = "Parley-Version";
    /**
     * On reads: version tokens (comma-separated) the answering server must have caught up with; a
     * secondary behind them waits briefly, then refers the client to the zone's primary.
     */
    public static final String MIN_VERSION = "Parley-Min-Version";

    private NamingHeaders() {
    }
}
