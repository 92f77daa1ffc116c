package io.parley.broker.spi;

/** How an {@link EngineSession} acknowledges and sends. */
public enum SessionMode {
    /**
     * Acknowledgements may be batched and sent asynchronously: fastest, but after an engine crash
     * an acknowledged message may be delivered again. For at-least-once consumers and for senders.
     */
    FAST_ACKS,
    /**
     * {@link EngineDelivery#ack()} returns only once the engine has made the acknowledgement durable:
     * an acknowledged message is never delivered again, even after an engine crash. For
     * at-most-once consumers and for receivers whose acknowledgement the caller reports (HTTP 204).
     */
    DURABLE_ACKS,
    /** Sends and acknowledgements take effect together on {@link EngineSession#commit()}. */
    TRANSACTED,
    /**
     * The engine may count a message acknowledged as soon as it hands it to the consumer (Artemis:
     * a pre-acknowledging session), saving the acknowledgement's traffic; a message handed out but
     * not yet handled is lost if the client crashes. Only for a client's private queues whose
     * messages die with the client anyway (its reply queue). The caller still calls
     * {@link EngineDelivery#ack()}, which an engine may make a no-op; it never releases or
     * dead-letters. An engine without such a mode treats it as {@link #FAST_ACKS}.
     */
    ACK_ON_DELIVERY
}
