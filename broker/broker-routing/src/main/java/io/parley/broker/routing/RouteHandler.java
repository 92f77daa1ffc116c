package io.parley.broker.routing;

import io.parley.broker.Broker;
import io.parley.broker.BrokerHeaders;
import io.parley.broker.Delivery;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.MessageHandler;
import io.parley.broker.SyncPoint;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one route on each delivery of its source:
 *
 * <pre>
 *   delivery ─► transformations (in order) ─► targets ─► send to each at STORED ─► return (source acked)
 *                     │ fails                   │ none
 *                     └────────────┬────────────┘
 *                                  ▼
 *                 delivery.deadLetter("route 'x' transformation csv-to-json failed: ...")
 * </pre>
 *
 * A message the route cannot handle is dead-lettered at once with the reason, as it would fail the
 * same way on every redelivery. A failed send throws, so the consumer's AT_LEAST_ONCE guarantee
 * redelivers the source message (with back-off, dead-lettered after {@code maxDeliveries}); targets
 * already reached then see it again. Stateless apart from its route; called from the consumer's threads.
 */
final class RouteHandler implements MessageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RouteHandler.class);

    private final Route route;
    private final Broker broker;

    RouteHandler(Route route, Broker broker) {
        this.route = route;
        this.broker = broker;
    }

    @Override
    public void onMessage(Delivery delivery) {
        Message source = delivery.message();
        Message output = source;
        for (Transformation step : route.transformations()) {
            try {
                output = step.apply(output);
            } catch (RuntimeException e) {
                reject(delivery, "route '" + route.name() + "' transformation " + step.name() + " failed: " + e.getMessage());
                return;
            }
        }
        List<Destination> targets;
        try {
            targets = route.targets().select(output);
        } catch (RuntimeException e) {
            reject(delivery, "route '" + route.name() + "' content-based routing failed: " + e.getMessage());
            return;
        }
        send(routed(output), targets);
    }

    /** The copy that goes to the targets: same id and correlation, marked with the route, without the source's sync request. */
    private Message routed(Message output) {
        return output.toBuilder()
                .deliveryCount(0)
                .removeHeader(BrokerHeaders.SYNC_POINT)
                .removeHeader(BrokerHeaders.SYNC_NOTIFY)
                .rawHeader(BrokerHeaders.ROUTE, route.name())
                .build();
    }

    private void send(Message message, List<Destination> targets) {
        CompletableFuture<?>[] sends = targets.stream()
                .map(target -> broker.sendAsync(target, message, SyncPoint.STORED))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(sends).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        LOG.debug("route '{}': message {} sent to {}", route.name(), message.id(), targets);
    }

    private void reject(Delivery delivery, String reason) {
        LOG.warn("dead-lettering message {}: {}", delivery.message().id(), reason);
        delivery.deadLetter(reason);
    }
}
