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
    TRANSACTED
}
