package io.parley.broker.routing;

import io.parley.broker.Message;

/**
 * One step of a route: turns a message into another (a new body, content type or headers), keeping
 * its id, correlation id and other delivery fields. Implementations are immutable and thread-safe;
 * the built-in ones come from {@link Transformations}.
 */
public interface Transformation {

    /** The transformation's name as config files and dead-letter reasons spell it: {@code csv-to-json}. */
    String name();

    /**
     * Transforms {@code message}.
     *
     * @throws TransformationException if the message cannot be handled (its reason ends up in the
     *         dead-letter queue)
     */
    Message apply(Message message);
}
