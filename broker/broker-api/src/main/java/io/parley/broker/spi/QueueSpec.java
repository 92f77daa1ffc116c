package io.parley.broker.spi;

import io.parley.broker.Destination;
import io.parley.broker.QueueOptions;

/**
 * A queue the engine must hold.
 *
 * @param name      the queue's name (already validated)
 * @param options   max deliveries and redelivery back-off
 * @param temporary whether the queue lives only as long as the session or connection that made it
 *                  (reply queues); a temporary queue is never durable
 */
public record QueueSpec(String name, QueueOptions options, boolean temporary) {

    public QueueSpec {
        Destination.queue(name);
    }

    public static QueueSpec durable(String name, QueueOptions options) {
        return new QueueSpec(name, options, false);
    }
}
