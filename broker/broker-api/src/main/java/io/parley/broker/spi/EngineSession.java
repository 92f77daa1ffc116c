package io.parley.broker.spi;

import io.parley.broker.Destination;
import io.parley.broker.Message;

import java.util.concurrent.CompletableFuture;

/**
 * A unit of work with the engine: sends, consumers, and (when transacted) commit and rollback.
 * Single-threaded: one thread at a time may use a session and everything made from it.
 */
public interface EngineSession extends AutoCloseable {

    /**
     * Sends {@code message} to {@code destination} (a queue or a plain topic). The future completes
     * when the engine holds the message — durably if it is persistent — that is, at {@code STORED};
     * it fails with a {@code BrokerException} if the engine refuses it. Sends are pipelined: the
     * caller need not wait for one future before the next send. In a transacted session the future
     * completes once the send is part of the transaction.
     */
    CompletableFuture<Void> send(Destination destination, Message message);

    /** Opens a consumer; see {@link ConsumerSpec}. */
    EngineConsumer consumer(ConsumerSpec spec);

    /** Commits the transaction's sends and acknowledgements (transacted sessions only). */
    void commit();

    /** Rolls back the transaction: sends are discarded, received messages are redelivered. */
    void rollback();

    /** Closes the session; unacknowledged deliveries are redelivered. */
    @Override
    void close();
}
