package io.parley.node.tx;

import io.parley.broker.Broker;
import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;
import io.parley.coordinator.core.BrokerTransactionCoordinator;
import io.parley.coordinator.core.TransactionAdmin;
import io.parley.coordinator.naming.NamingTransactionDirectory;
import io.parley.naming.RecordType;
import io.parley.node.NodeContext;
import io.parley.node.naming.NamingAdvertised;
import io.parley.node.naming.NamingEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * Starts the transaction coordinator inside a node: two-phase commit over the node's broker, its
 * log under {@code <data>/tx/object-store} (or PostgreSQL), recovery in process, and the admin
 * resources under {@code /v1/transactions}; it names the coordinator for the naming service
 * ({@code /transactions/coordinators/<node id>}, type {@code coordinator}, address its queue, TTL 30 s;
 * see {@link io.parley.node.naming.NamingRegistrations}). The node owns the returned part.
 */
public final class CoordinatorPart {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorPart.class);
    /** How long resolvers may cache the coordinator's name. */
    static final long COORDINATOR_TTL_MS = 30_000;

    private CoordinatorPart() {
    }

    public static AutoCloseable start(NodeContext context) {
        Broker broker = context.broker().orElseThrow(() -> new ParleyException(ErrorCode.INVALID_ARGUMENT,
                "services " + context.config().services() + ": the coordinator needs the broker (its protocol runs over queues)"));
        BrokerTransactionCoordinator coordinator = BrokerTransactionCoordinator.start(broker,
                context.config().coordinator().coordinatorConfig(context.config().dataDirectory()), Clock.systemUTC());
        context.application().register(new TransactionsResource(new TransactionAdmin(coordinator, Clock.systemUTC())));
        LOG.info("coordinator: queue {}", coordinator.queue());
        String nodeId = context.config().coordinator().nodeId();
        try {
            return NamingAdvertised.of(coordinator, List.of(new NamingEntry(NamingTransactionDirectory.coordinatorName(nodeId),
                    RecordType.COORDINATOR, coordinator.queue(), COORDINATOR_TTL_MS)));
        } catch (ParleyException e) {
            LOG.warn("coordinator: node id '{}' has no name in the naming service, so it is not published: {}", nodeId, e.getMessage());
            return coordinator;
        }
    }
}
