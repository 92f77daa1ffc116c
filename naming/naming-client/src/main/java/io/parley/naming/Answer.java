package io.parley.naming;

import java.util.List;

/**
 * A positive answer: the record of {@code name}, how long it may still be cached ({@code ttlMs}), the
 * zone it came from, whether the answering server is authoritative for it, whether it is a stale copy
 * served while an upstream server is unreachable, and the chain of delegations crossed on the way
 * (recursive mode), each of which resolvers cache too.
 */
public record Answer(String name, NameRecord record, long ttlMs, String zone, boolean authoritative, boolean stale,
                     List<Entry> chain) implements Reply {

    public Answer {
        chain = chain == null ? List.of() : List.copyOf(chain);
    }

    public Entry entry() {
        return new Entry(name, record, ttlMs);
    }
}
