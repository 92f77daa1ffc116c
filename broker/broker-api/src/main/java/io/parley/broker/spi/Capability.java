package io.parley.broker.spi;

/**
 * What an engine can do. The broker client checks capabilities before it asks for them and rejects
 * a request that needs an absent one with {@code UnsupportedCapabilityException}; the TCK skips
 * exactly the tests of absent capabilities.
 */
public enum Capability {
    /** Messages of priority 0..9 are delivered highest first. */
    PRIORITIES,
    /** A consumer may filter with a SQL-92 selector over headers. */
    SELECTORS,
    /** Messages with one group key are delivered in order, one consumer at a time. */
    MESSAGE_GROUPS,
    /** The engine suppresses duplicate sends that carry the same dedup id. */
    DUPLICATE_DETECTION,
    /** Receives and sends in one session commit or roll back together. */
    LOCAL_TRANSACTIONS,
    /** Expired messages are not delivered. */
    EXPIRY,
    /** Released messages wait for the queue's back-off before redelivery. */
    REDELIVERY_DELAY,
    /** Topic subscriptions may be durable. */
    DURABLE_SUBSCRIPTIONS,
    /** Topic subscriptions may use {@code *} and {@code #} patterns. */
    WILDCARDS,
    /** Transient (non-persistent) messages are held in memory only. */
    TRANSIENT_MESSAGES,
    /**
     * Messages published to a topic with a group key reach each subscription in publish order per
     * key, one consumer at a time (the engine keys its records by it), even where the engine cannot
     * keep a queue's groups ({@link #MESSAGE_GROUPS}): Kafka's consumer groups, not its share groups.
     */
    KEYED_TOPICS
}
