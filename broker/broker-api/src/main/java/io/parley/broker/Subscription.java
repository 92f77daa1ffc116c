package io.parley.broker;

/** A running consumer installed by {@link Broker#notify} or {@link Broker#subscribe}; close it to stop. */
public interface Subscription extends AutoCloseable {

    /** Stops taking messages and waits for handlers in progress to finish. */
    @Override
    void close();
}
