package io.parley.broker.routing;

import io.parley.broker.Broker;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.Destination;
import io.parley.broker.DeliveryGuarantee;
import io.parley.broker.Subscription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs routes on a {@link Broker}. Each running route is one AT_LEAST_ONCE consumer of its source:
 * {@code notify} on a queue, or a durable {@code subscribe} named {@code route.<name>} on a topic
 * or topic pattern, with the route's selector. A source message is acknowledged only after its
 * transformed copy is STORED at every target (see {@link RouteHandler}).
 *
 * <pre>{@code
 * Router router = new Router(broker);
 * router.addAll(RoutesConfig.load(Path.of("parley.yaml")));
 * router.start();
 * router.add(Route.from("queue:orders").named("orders-eu").where("region = 'eu'").to("queue:orders-eu"));
 * router.remove("orders-eu");
 * router.close();
 * }</pre>
 *
 * Routes may be added and removed while the router runs. Thread-safe: every method holds the
 * router's lock, so a route's consumer is started or closed before the method returns. The router
 * does not own the broker.
 */
public final class Router implements AutoCloseable {

    /** Prefix of the durable subscription name of a topic route. */
    public static final String DURABLE_PREFIX = "route.";

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final Broker broker;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final Map<String, Subscription> running = new LinkedHashMap<>();
    private boolean started;

    public Router(Broker broker) {
        this.broker = broker;
    }

    /** Adds a route; if the router runs, starts it before returning. Names must be unique. */
    public synchronized void add(Route route) {
        if (routes.containsKey(route.name())) {
            throw new InvalidRouteException("route '" + route.name() + "' already exists in this router: route names must be unique");
        }
        if (started) {
            running.put(route.name(), open(route));
        }
        routes.put(route.name(), route);
    }

    /** Adds every route of {@code config}, in order. */
    public synchronized void addAll(RoutesConfig config) {
        config.routes().forEach(this::add);
    }

    /**
     * Removes a route, stopping it after the message in hand. A topic route's durable subscription
     * stays in the engine, so adding the route again resumes where it left off.
     *
     * @return whether a route of that name existed
     */
    public synchronized boolean remove(String name) {
        Route route = routes.remove(name);
        Subscription subscription = running.remove(name);
        if (subscription != null) {
            subscription.close();
            LOG.info("route '{}' stopped", name);
        }
        return route != null;
    }

    /** Starts every route; if one cannot start, stops those started and rethrows. Idempotent. */
    public synchronized void start() {
        if (started) {
            return;
        }
        try {
            for (Route route : routes.values()) {
                running.put(route.name(), open(route));
            }
        } catch (RuntimeException e) {
            closeAll();
            throw e;
        }
        started = true;
    }

    /** Stops every route after the message each has in hand; the routes stay defined. Idempotent. */
    public synchronized void stop() {
        closeAll();
        started = false;
    }

    public synchronized boolean isRunning() {
        return started;
    }

    /** The routes, in the order they were added. */
    public synchronized List<Route> routes() {
        return List.copyOf(routes.values());
    }

    @Override
    public void close() {
        stop();
    }

    private Subscription open(Route route) {
        RouteHandler handler = new RouteHandler(route, broker);
        ConsumerOptions options = ConsumerOptions.of(DeliveryGuarantee.AT_LEAST_ONCE).withSelector(route.selector());
        Subscription subscription = route.source() instanceof Destination.Topic topic
                ? broker.subscribe(topic, DURABLE_PREFIX + route.name(), handler, options)
                : broker.notify(route.source().name(), handler, options);
        LOG.info("route '{}' started: {}{} -> {}", route.name(), route.source(),
                route.selector() == null ? "" : " where " + route.selector(), route.targets().all());
        return subscription;
    }

    private void closeAll() {
        List<String> names = new ArrayList<>(running.keySet());
        for (String name : names) {
            try {
                running.remove(name).close();
            } catch (RuntimeException e) {
                LOG.warn("route '{}' did not stop cleanly: {}", name, e.toString());
            }
        }
    }
}
