package io.parley.bench;

import org.HdrHistogram.Histogram;

/**
 * The outcome of one throughput run: how many messages went end to end in how long (first send to
 * last receive), how long until the last send completed, and each send's time to completion
 * (STORED), all in nanoseconds.
 */
record ThroughputRun(int messages, long elapsedNanos, long sendingNanos, Histogram storedLatencyNanos) {

    /** End-to-end throughput: messages over first send to last receive. */
    double messagesPerSecond() {
        return messages * 1e9 / elapsedNanos;
    }

    /** The producer's throughput: messages over first send to last send completion. */
    double sendsPerSecond() {
        return messages * 1e9 / sendingNanos;
    }

    /** This run and {@code other} as if they were one run. */
    ThroughputRun plus(ThroughputRun other) {
        Histogram merged = storedLatencyNanos.copy();
        merged.add(other.storedLatencyNanos);
        return new ThroughputRun(messages + other.messages, elapsedNanos + other.elapsedNanos,
                sendingNanos + other.sendingNanos, merged);
    }
}
