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

    /**
     * On recursive requests between servers: how many servers the resolution has crossed; a server
     * refuses to recurse past {@value #MAX_HOPS} (a loop of delegations or root settings).
     */
    public static final String HOPS = "Parley-Hops";
    public static final int MAX_HOPS = 32;

    private NamingHeaders() {
    }
}
