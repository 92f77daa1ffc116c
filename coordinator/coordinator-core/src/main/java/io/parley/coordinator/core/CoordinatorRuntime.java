package io.parley.coordinator.core;

import io.parley.broker.Broker;
import io.parley.broker.Destination;
import io.parley.broker.SyncPoint;
import io.parley.common.ErrorCode;
import io.parley.coordinator.TransactionException;
import io.parley.coordinator.protocol.ProtocolMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * What {@link ParticipantRecord}s need at run time — the broker to send on, the answers they wait
 * for, the timeouts, the registry that keeps each transaction's timeline — for the one coordinator
 * of this JVM. Records created by Narayana's recovery find it through {@link #current()}.
 * Thread-safe; installed by {@link BrokerTransactionCoordinator#start} and removed by its close.
 */
final class CoordinatorRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorRuntime.class);
    private static volatile CoordinatorRuntime current;

    final Broker broker;
    final CoordinatorConfig config;
    final PendingAnswers pending = new PendingAnswers();
    final TransactionRegistry registry;
    final Clock clock;

    CoordinatorRuntime(Broker broker, CoordinatorConfig config, TransactionRegistry registry, Clock clock) {
        this.broker = broker;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
    }

    static synchronized void install(CoordinatorRuntime runtime) {
        if (current != null) {
            throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "a coordinator (queue " + current.config.coordinatorQueue()
                    + ") already runs in this JVM; Narayana allows one per JVM");
        }
        current = runtime;
    }

    static synchronized void uninstall(CoordinatorRuntime runtime) {
        if (current == runtime) {
            current = null;
        }
    }

    static CoordinatorRuntime current() {
        CoordinatorRuntime runtime = current;
        if (runtime == null) {
            throw new TransactionException(ErrorCode.UNAVAILABLE, "no coordinator runs in this JVM");
        }
        return runtime;
    }

    String queue() {
        return config.coordinatorQueue();
    }

    /**
     * Sends a protocol message and records it in the transaction's timeline, without waiting for
     * the broker to store it: the future completes once it is stored, or fails (also when the send
     * cannot start). No sender needs the wait, because the protocol repairs every loss: a lost
     * VOTE_REQUEST or vote ends in abort (vote timeout), a lost GLOBAL_COMMIT or ACK leaves the
     * decision to recovery (the record reports FINISH_ERROR), a lost GLOBAL_ABORT is presumed, and a
     * lost answer to a DECISION_REQUEST is asked for again.
     */
    CompletableFuture<Void> send(String queue, ProtocolMessage message) {
        try {
            CompletableFuture<Void> stored = broker.sendAsync(Destination.queue(queue), message.toMessage(), SyncPoint.STORED)
                    .thenApply(receipt -> null);
            registry.sent(message);
            return stored;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Like {@link #send}, for best-effort answers: a failure is logged. */
    void sendQuietly(String queue, ProtocolMessage message) {
        send(queue, message).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warn("coordinator: cannot send {} for {} to {}: {}", message.type(), message.transactionId(), queue, failure.toString());
            }
        });
    }
}
