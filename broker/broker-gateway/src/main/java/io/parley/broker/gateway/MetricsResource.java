package io.parley.broker.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/**
 * {@code /metrics}: every meter of the registry in the Prometheus text format; the per-queue gauges
 * are refreshed from the broker on each scrape. A singleton; thread-safe.
 */
@Path("/metrics")
public final class MetricsResource {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final GatewayMetrics metrics;

    MetricsResource(PrometheusMeterRegistry registry, GatewayMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    @GET
    @Produces(PROMETHEUS_TEXT)
    public String scrape() {
        metrics.refreshQueues();
        return registry.scrape();
    }
}
