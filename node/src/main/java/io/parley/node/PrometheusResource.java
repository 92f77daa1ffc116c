package io.parley.node;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/**
 * {@code /metrics} of a node that does not run the broker (the broker's gateway serves its own,
 * with per-queue gauges): every meter of the node's registry in the Prometheus text format.
 * A singleton; thread-safe.
 */
@Path("/metrics")
public final class PrometheusResource {

    private final PrometheusMeterRegistry registry;

    PrometheusResource(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    public String scrape() {
        return registry.scrape();
    }
}
