package io.parley.bench;

import org.HdrHistogram.Histogram;

/**
 * The outcome of one latency run, in nanoseconds: from the start of each send to the consumer's
 * handler (end to end), and from the start of each send to its return at STORED.
 */
record LatencyRun(Histogram endToEndNanos, Histogram storedNanos) {

    LatencyRun plus(LatencyRun other) {
        Histogram endToEnd = endToEndNanos.copy();
        endToEnd.add(other.endToEndNanos);
        Histogram stored = storedNanos.copy();
        stored.add(other.storedNanos);
        return new LatencyRun(endToEnd, stored);
    }
}
