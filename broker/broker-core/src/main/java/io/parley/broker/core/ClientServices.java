package io.parley.broker.core;

import io.parley.broker.Destination;
import io.parley.broker.Message;

import java.util.concurrent.CompletableFuture;

/**
 * What the parts of one broker client share: its clock, metrics, sync notices, and a way to send
 * replies and notices without declaring their destination. Implemented by the client itself.
 */
interface ClientServices {

    LamportClock clock();

    BrokerMetrics metrics();

    SyncNotices notices();

    /** Stamps a message the client sends (Lamport and wall-clock time) and builds it. */
    Message stamp(Message.Builder message);

    /** Sends to a destination that exists or may be gone (a reply queue); completes at STORED. */
    CompletableFuture<Void> sendUndeclared(Destination destination, Message message);
}
