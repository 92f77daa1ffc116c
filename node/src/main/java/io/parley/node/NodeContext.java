package io.parley.node;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parley.broker.Broker;
import org.glassfish.jersey.server.ResourceConfig;

import java.util.Optional;

/**
 * What a service hosted by a node is given when it starts: the node's configuration, its metrics
 * registry (scraped on {@code /metrics}), the one Jersey application the node's HTTP server hosts
 * (a service registers its resources on it; the server starts after every service), and the node's
 * broker client when the node runs the broker.
 *
 * <p>The node owns all of these; a service must not close them.
 *
 * @param config      the node's configuration, including each service's own section
 * @param registry    the node's metrics registry
 * @param application the node's Jersey application; register resources before {@code start} returns
 * @param broker      the node's broker client, absent when the node does not run the broker
 */
public record NodeContext(NodeConfig config, PrometheusMeterRegistry registry, ResourceConfig application,
                          Optional<Broker> broker) {
}
