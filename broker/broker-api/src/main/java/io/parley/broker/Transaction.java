package io.parley.broker;

import java.time.Duration;
import java.util.Optional;

/**
 * A local transaction: messages received and messages sent through it take effect together when
 * it commits, or not at all. Used inside {@link Broker#inTransaction}; not thread-safe.
 */
public interface Transaction {

    /** Receives a message whose acknowledgement commits with the transaction. */
    Optional<Message> receive(String queue, Duration wait);

    /** Sends a message that becomes visible when the transaction commits. */
    void send(Destination destination, Message message);
}
