package io.parley.node;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parley.broker.Broker;
import io.parley.broker.artemis.ArtemisConfig;
import io.parley.broker.artemis.ArtemisEngine;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;
import io.parley.broker.gateway.Gateway;
import io.parley.broker.spi.Engine;
import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;
import io.parley.node.NodeConfig.Service;
import io.parley.node.naming.NamingPart;
import io.parley.node.naming.NamingRegistrations;
import io.parley.node.rpc.RpcPart;
import io.parley.node.tx.CoordinatorPart;
import io.parley.node.kafka.EngineChoice;
import io.parley.node.kafka.KafkaBrokerEngine;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A running node: the services of its configuration, sharing one metrics registry and one HTTP
 * server (Jersey on Grizzly). The broker service is its engine — the embedded Artemis engine (journal
 * under the data directory) or, with {@code --engine kafka}, a Kafka cluster — the broker client over
 * it, the routes of the config file and the HTTP gateway;
 * every other service starts from a {@link NodeContext} and adds its resources to the same server.
 *
 * <pre>
 *   start: registry -> [engine -> broker -> routes -> gateway] -> other services -> HTTP server  (ready)
 *   close: the reverse
 * </pre>
 *
 * <p>Ownership: the node owns every part it started and closes them in reverse order; a failed
 * start closes what was already started. Thread-safe; {@link #close()} is idempotent.
 */
public final class Node implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    static final String CLIENT_ID = "node";
    /** The ready line's {@code messaging=} value of a node that runs no broker. */
    static final String NO_MESSAGING = "none";

    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private String messagingUrl = NO_MESSAGING;
    private String httpUrl;
    private Broker broker;
    private boolean closed;

    private Node() {
    }

    /** Starts a node with {@code config} running {@code routes}. */
    public static Node start(NodeConfig config, ConfigRoutes routes) {
        Node node = new Node();
        try {
            node.startParts(config, routes);
        } catch (RuntimeException | Error e) {
            node.close();
            throw e;
        }
        return node;
    }

    private void startParts(NodeConfig config, ConfigRoutes routes) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        parts.push(registry::close);
        ResourceConfig application;
        if (config.services().contains(Service.BROKER)) {
            application = startBroker(config, routes, registry);
        } else if (routes.size() > 0) {
            throw new ParleyException(ErrorCode.INVALID_ARGUMENT, "the config file has " + routes.size()
                    + " route(s) but services " + config.services() + " do not include the broker, which runs them");
        } else {
            application = Gateway.baseApplication().register(new PrometheusResource(registry));
        }
        NodeContext context = new NodeContext(config, registry, application, Optional.ofNullable(broker));
        startServices(context);
        startHttp(config, application);
        parts.push(NamingRegistrations.start(config, httpUrl, messagingUrl, java.util.List.copyOf(parts)));
    }

    /**
     * The services beyond the broker, one line each: a service starts from the context (its own
     * section of the config, the registry, the broker if any), registers its HTTP resources on the
     * node's application and returns the part the node closes when it stops.
     */
    private void startServices(NodeContext context) {
        if (context.config().services().contains(Service.NAMING)) {
            parts.push(NamingPart.start(context));
        }
        if (context.config().services().contains(Service.RPC)) {
            parts.push(RpcPart.start(context));
        }
        if (context.config().services().contains(Service.COORDINATOR)) {
            parts.push(CoordinatorPart.start(context));
        }
    }

    /** engine -> broker -> routes -> gateway; answers the gateway's Jersey application. */
    private ResourceConfig startBroker(NodeConfig config, ConfigRoutes routes, PrometheusMeterRegistry registry) {
        Engine engine;
        if (config.engine().kind() == EngineChoice.Kind.KAFKA) {
            engine = KafkaBrokerEngine.start(config.engine());
        } else {
            ArtemisEngine artemis = ArtemisEngine.embedded(ArtemisConfig.builder()
                    .dataDirectory(config.dataDirectory().resolve("artemis"))
                    .host(config.host())
                    .advertisedHost(advertised(config.host()))
                    .messagingPort(config.messagingPort())
                    .maxDiskUsagePercent(config.maxDiskUsagePercent())
                    .globalMaxSizeBytes(config.maxMemoryBytes())
                    .build());
            engine = artemis;
        }
        parts.push(engine);
        broker = Brokers.open(engine, BrokerConfig.builder()
                .clientId(CLIENT_ID)
                .stateDirectory(config.dataDirectory().resolve("broker"))
                .maxMessageBytes(config.maxMessageBytes())
                .meterRegistry(registry)
                .build());
        parts.push(broker);
        // the acceptor's actual port is known once the broker client has started the engine
        messagingUrl = engine instanceof ArtemisEngine artemis ? artemis.messagingUrl() : config.engine().kafkaMessagingUrl();
        parts.push(routes.start(broker));
        Gateway gateway = Gateway.create(broker, registry, config.gatewayConfig());
        parts.push(gateway);
        return gateway.resourceConfig();
    }

    private void startHttp(NodeConfig config, ResourceConfig application) {
        HttpServer http = GrizzlyHttpServerFactory.createHttpServer(
                URI.create("http://" + config.host() + ":" + config.httpPort() + "/"), application, false);
        http.getListener("grizzly").registerAddOn(new PlainHttp1AddOn());
        try {
            http.start();
        } catch (IOException e) {
            http.shutdownNow();
            throw new NodeStartException("HTTP server cannot listen on " + config.host() + ":" + config.httpPort() + ": " + e.getMessage(), e);
        }
        parts.push(http::shutdownNow);
        httpUrl = "http://" + advertised(config.host()) + ":" + http.getListener("grizzly").getPort();
    }

    /** The host clients use: the listening host, or {@code localhost} when the node listens on every interface. */
    private static String advertised(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? "localhost" : host;
    }

    /** The messaging acceptor's URL, {@code tcp://HOST:PORT}, with the actual port; {@code none} without the broker. */
    public String messagingUrl() {
        return messagingUrl;
    }

    /** The HTTP server's URL, {@code http://HOST:PORT}, with the actual port. */
    public String httpUrl() {
        return httpUrl;
    }

    /** The node's own broker client; null when the node does not run the broker. */
    public Broker broker() {
        return broker;
    }

    /** The line the node prints on stdout when it is ready. */
    public String readyLine() {
        return "parley node ready messaging=" + messagingUrl + " http=" + httpUrl;
    }

    /** Stops every part in reverse start order; a part that fails to stop does not keep the others running. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed", part, e);
            }
        }
    }
}
