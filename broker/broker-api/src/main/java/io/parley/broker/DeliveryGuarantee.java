package io.parley.broker;

/** How often a consumer's handler may see one message. */
public enum DeliveryGuarantee {
    /**
     * The message is acknowledged before the handler runs: a handler failure or a crash loses it,
     * but it is never handled twice.
     */
    AT_MOST_ONCE,
    /**
     * The message is acknowledged after the handler succeeds; a failure or a crash redelivers it
     * with back-off, and after {@code maxDeliveries} attempts it goes to the dead-letter queue.
     * A handler may see a message more than once.
     */
    AT_LEAST_ONCE,
    /**
     * {@link #AT_LEAST_ONCE} plus duplicate suppression by dedup id (or message id), remembered
     * durably across restarts of the consumer and of the engine: the handler completes once per
     * message unless the consumer itself crashes between the handler's return and the record of it.
     */
    EFFECTIVELY_ONCE
}
