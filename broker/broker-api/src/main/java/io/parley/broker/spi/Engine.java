package io.parley.broker.spi;

import io.parley.broker.QueueInfo;

import java.util.List;
import java.util.Set;

/**
 * A messaging engine under Parley's broker client: embedded or remote Artemis, Kafka, ...
 *
 * <p>The engine stores and moves messages; the broker client above it adds the semantics that are
 * the same on every engine (sync points past STORED, delivery guarantees, request/reply, tickets,
 * Lamport clocks). An engine declares what it can do in {@link #capabilities()} and must honour
 * each declared capability as the TCK tests it.
 *
 * <p>Thread-safety: the engine itself is thread-safe; each {@link EngineSession} belongs to one
 * thread at a time.
 */
public interface Engine extends AutoCloseable {

    /** A short name for logs and metrics: {@code artemis}, {@code kafka}. */
    String name();

    Set<Capability> capabilities();

    /** Starts the engine (an embedded server, or the connection to a remote one). Idempotent. */
    void start();

    /** Creates a queue and its dead-letter queue if absent, or updates its settings. Idempotent. */
    void declareQueue(QueueSpec spec);

    /** Deletes a queue, its messages and its dead-letter queue. */
    void deleteQueue(String queue);

    /** Opens a session; see {@link SessionMode} for how it acknowledges. */
    EngineSession openSession(SessionMode mode);

    /** The queues the engine holds (internal queues excluded). */
    List<QueueInfo> queues();

    /** Stops the engine; in-flight deliveries that are not acknowledged are redelivered later. */
    @Override
    void close();
}
