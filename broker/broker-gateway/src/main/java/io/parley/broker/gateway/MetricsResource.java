package io.parley.broker.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Response;

/**
 * {@code /metrics}: every meter of the registry in the Prometheus text format; the per-queue gauges
 * are refreshed from the broker on each scrape (503 if it does not answer in time). A singleton; thread-safe.
 */
@Path("/metrics")
public final class MetricsResource {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final GatewayMetrics metrics;
    private final QueueSnapshots snapshots;

    MetricsResource(PrometheusMeterRegistry registry, GatewayMetrics metrics, QueueSnapshots snapshots) {
        this.registry = registry;
        this.metrics = metrics;
        this.snapshots = snapshots;
    }

    @GET
    @Produces(PROMETHEUS_TEXT)
    public void scrape(@Suspended AsyncResponse response) {
        snapshots.queues().whenComplete((queues, error) -> {
            if (error != null) {
                response.resume(GatewayErrors.unwrap(error));
                return;
            }
            metrics.refreshQueues(queues);
            response.resume(Response.ok(registry.scrape(), PROMETHEUS_TEXT).build());
        });
    }
}
