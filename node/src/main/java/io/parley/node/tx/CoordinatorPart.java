package io.parley.node.tx;

import io.parley.broker.Broker;
import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;
import io.parley.coordinator.core.BrokerTransactionCoordinator;
import io.parley.coordinator.core.TransactionAdmin;
import io.parley.node.NodeContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Starts the transaction coordinator inside a node: two-phase commit over the node's broker, its
 * log under {@code <data>/tx/object-store} (or PostgreSQL), recovery in process, and the admin
 * resources under {@code /v1/transactions}. The node owns the returned part.
 */
public final class CoordinatorPart {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorPart.class);

    private CoordinatorPart() {
    }

    public static AutoCloseable start(NodeContext context) {
        Broker broker = context.broker().orElseThrow(() -> new ParleyException(ErrorCode.INVALID_ARGUMENT,
                "services " + context.config().services() + ": the coordinator needs the broker (its protocol runs over queues)"));
        BrokerTransactionCoordinator coordinator = BrokerTransactionCoordinator.start(broker,
                context.config().coordinator().coordinatorConfig(context.config().dataDirectory()), Clock.systemUTC());
        context.application().register(new TransactionsResource(new TransactionAdmin(coordinator, Clock.systemUTC())));
        LOG.info("coordinator: queue {}", coordinator.queue());
        return coordinator;
    }
}
