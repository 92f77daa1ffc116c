package io.parley.bench.kafka;

/** One side of {@code kafka-queue-throughput}: sends {@code messages} bodies through a queue and receives them all. */
interface KafkaSide extends AutoCloseable {

    String name();

    String description();

    /** Runs once through a new queue named {@code queue}; answers messages per second, first send to last receive. */
    double run(String queue, int messages, byte[] payload, int window) throws Exception;
}
