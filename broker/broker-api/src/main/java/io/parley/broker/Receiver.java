package io.parley.broker;

import java.time.Duration;
import java.util.Optional;

/**
 * Pulls messages from one queue (or topic subscription), one at a time, each settled by the
 * application ({@link Delivery#ack()}, {@link Delivery#release()}, {@link Delivery#deadLetter}).
 * A delivery not settled when the receiver closes goes back to the queue. Not thread-safe: use one
 * receiver per thread.
 */
public interface Receiver extends AutoCloseable {

    /** Waits up to {@code wait} for a message; empty if none arrived. */
    Optional<Delivery> receive(Duration wait);

    @Override
    void close();
}
