package io.parley.broker.spi;

import io.parley.broker.Message;

/**
 * One delivery from an {@link EngineConsumer}, settled exactly once. In a transacted session
 * {@link #ack()} joins the transaction.
 */
public interface EngineDelivery {

    /** The message, with its {@code deliveryCount} (1 on the first delivery). */
    Message message();

    /** Acknowledges the message; durably before returning if the session is {@link SessionMode#DURABLE_ACKS}. */
    void ack();

    /**
     * Returns the message for redelivery after the queue's back-off. Once the delivery count has
     * reached {@code maxDeliveries}, the engine dead-letters the message instead.
     */
    void release();

    /**
     * Acknowledges the message here and puts a copy in the queue's dead-letter queue with headers
     * {@code parley_dead_letter_reason} = {@code reason} and {@code parley_original_queue}.
     */
    void deadLetter(String reason);
}
