package io.parley.naming;

import java.util.List;

/**
 * A negative answer: no record {@code name} exists in {@code zone}; resolvers may cache the absence for
 * {@code negativeTtlMs}. {@code error} is always {@code not-found} (the JSON error shape).
 */
public record NotFound(String error, String message, long negativeTtlMs, String name, String zone, List<Entry> chain)
        implements Reply {

    public static final String ERROR = "not-found";

    public NotFound {
        chain = chain == null ? List.of() : List.copyOf(chain);
    }

    public static NotFound of(String name, String zone, long negativeTtlMs, String message, List<Entry> chain) {
        return new NotFound(ERROR, message, negativeTtlMs, name, zone, chain);
    }
}
