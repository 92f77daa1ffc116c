package io.parley.broker;

import java.util.Comparator;
import java.util.Objects;

/**
 * A Lamport timestamp: a logical time plus the id of the node that stamped it. Ordering by time,
 * then by node id, is a total order consistent with happened-before (if send(a) happened before
 * send(b), then {@code a < b}).
 */
public record LamportTimestamp(long time, String nodeId) implements Comparable<LamportTimestamp> {

    private static final Comparator<LamportTimestamp> ORDER =
            Comparator.comparingLong(LamportTimestamp::time).thenComparing(LamportTimestamp::nodeId);

    public LamportTimestamp {
        Objects.requireNonNull(nodeId, "nodeId");
        if (time < 0) {
            throw new IllegalArgumentException("Lamport time " + time + " is negative");
        }
    }

    @Override
    public int compareTo(LamportTimestamp other) {
        return ORDER.compare(this, other);
    }

    /** {@code time@nodeId}, the form {@link #parse(String)} reads. */
    @Override
    public String toString() {
        return time + "@" + nodeId;
    }

    public static LamportTimestamp parse(String text) {
        int at = text.indexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException("Lamport timestamp '" + text + "' is not of the form TIME@NODE");
        }
        return new LamportTimestamp(Long.parseLong(text.substring(0, at)), text.substring(at + 1));
    }
}
