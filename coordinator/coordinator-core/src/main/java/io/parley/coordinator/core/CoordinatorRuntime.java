package io.parley.coordinator.core;

import io.parley.broker.Broker;
import io.parley.common.ErrorCode;
import io.parley.coordinator.TransactionException;
import io.parley.coordinator.protocol.ProtocolMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

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

    /** Sends a protocol message and records it in the transaction's timeline. */
    void send(String queue, ProtocolMessage message) {
        broker.put(queue, message.toMessage());
        registry.sent(message);
    }

    /** Like {@link #send}, but a failure is logged instead of thrown (best-effort answers). */
    boolean sendQuietly(String queue, ProtocolMessage message) {
        try {
            send(queue, message);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("coordinator: cannot send {} for {} to {}: {}", message.type(), message.transactionId(), queue, e.toString());
            return false;
        }
    }
}
