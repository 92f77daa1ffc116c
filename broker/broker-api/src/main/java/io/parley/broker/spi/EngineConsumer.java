package io.parley.broker.spi;

import java.time.Duration;

/**
 * Pulls deliveries from a queue or subscription. Belongs to its session's thread, unless it
 * {@link #supportsHandOff() supports hand-off}.
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

    /**
     * Whether {@link #wakeup()} works, so a caller may block in {@link #receive} for long and still
     * stop promptly. Without it, a caller that must stay stoppable receives in short slices.
     */
    default boolean supportsWakeup() {
        return false;
    }

    /**
     * Makes a {@link #receive} blocked in another thread return {@code null} promptly, and every later
     * one return {@code null} at once; a delivery already returned is not disturbed. The one method
     * another thread may call, and only on a consumer that {@link #supportsWakeup()}; a no-op otherwise.
     */
    default void wakeup() {
    }

    /**
     * Whether {@link #receive} may be called from different threads, one at a time (the caller
     * orders the calls, under a lock), as the reply queue's leader/follower reading does. The
     * session's other operations stay with the thread that opened it.
     */
    default boolean supportsHandOff() {
        return false;
    }

    @Override
    void close();
}
