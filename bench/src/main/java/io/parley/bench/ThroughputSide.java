package io.parley.bench;

/**
 * One side of the {@code broker-throughput} comparison: a client that sends {@code messages}
 * persistent messages to a queue with at most {@code window} sends awaiting their STORED
 * confirmation, while one consumer of the same client receives them.
 */
interface ThroughputSide {

    /** {@code parley} or {@code baseline}. */
    String name();

    /** How this side sends and receives, for the report. */
    String description();

    /** Runs once on a fresh queue; returns when the consumer has received every message. */
    ThroughputRun run(String queue, int messages, byte[] payload, int window, Progress progress) throws Exception;
}
