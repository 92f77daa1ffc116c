package io.parley.bench;

/**
 * One side of the {@code broker-latency} comparison: a client that sends one persistent message at
 * a time, waiting until it is STORED and then until its own consumer has received it before the
 * next send.
 */
interface LatencySide {

    /** {@code parley} or {@code baseline}. */
    String name();

    /** How this side sends and receives, for the report. */
    String description();

    /** Runs once on a fresh queue. */
    LatencyRun run(String queue, int messages, byte[] payload, Progress progress) throws Exception;
}
