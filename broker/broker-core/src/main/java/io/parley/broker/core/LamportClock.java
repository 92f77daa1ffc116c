package io.parley.broker.core;

import io.parley.broker.LamportTimestamp;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A Lamport logical clock for one node. {@link #tick()} before each send; {@link #witness} each
 * received timestamp, which moves the clock past it. Timestamps of one node are strictly
 * increasing, and with the node id as tie-break they order all events totally, consistently with
 * happened-before. Thread-safe and lock-free.
 */
public final class LamportClock {

    private final String nodeId;
    private final AtomicLong time = new AtomicLong();

    public LamportClock(String nodeId) {
        this.nodeId = nodeId;
    }

    /** Advances the clock for a local event (a send) and returns its timestamp. */
    public LamportTimestamp tick() {
        return new LamportTimestamp(time.incrementAndGet(), nodeId);
    }

    /** Receive rule: the clock becomes {@code max(local, received) + 1}. */
    public LamportTimestamp witness(LamportTimestamp received) {
        long now = time.accumulateAndGet(received.time(), (local, seen) -> Math.max(local, seen) + 1);
        return new LamportTimestamp(now, nodeId);
    }

    /** The current time, without advancing it. */
    public LamportTimestamp current() {
        return new LamportTimestamp(time.get(), nodeId);
    }
}
