package io.parley.broker.spi;

import io.parley.broker.Destination;

/**
 * What a consumer reads.
 *
 * @param source      a queue, or a topic (pattern) to subscribe to
 * @param durableName for a topic, the name of a durable subscription; {@code null} for a live one
 * @param selector    an SQL-92 selector over headers, or {@code null}
 * @param prefetch    how many messages the engine may push ahead of the consumer (its window);
 *                    0 means fetch on demand only
 */
public record ConsumerSpec(Destination source, String durableName, String selector, int prefetch) {

    public static ConsumerSpec queue(String queue, int prefetch) {
        return new ConsumerSpec(Destination.queue(queue), null, null, prefetch);
    }
}
