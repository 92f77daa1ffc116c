package io.parley.broker.spi;

import java.time.Duration;

/**
 * Pulls deliveries from a queue or subscription. Belongs to its session's thread.
 *
 * <p>The broker client opens one consumer per session and holds at most one unsettled delivery per
 * consumer at a time, so an engine may implement {@link EngineDelivery#release()} by rolling back
 * the session's acknowledgements.
 */
public interface EngineConsumer extends AutoCloseable {

    /**
     * Waits up to {@code wait} (zero: do not wait beyond what is already at hand) for the next
     * delivery; {@code null} if none arrived. Expired messages are never returned.
     */
    EngineDelivery receive(Duration wait);

    @Override
    void close();
}
