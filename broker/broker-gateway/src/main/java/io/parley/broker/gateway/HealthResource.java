package io.parley.broker.gateway;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * {@code /v1/health}: {@code {"status": "UP"}} when the broker lists its queues within the
 * deadline, 503 {@code unavailable} with the reason when it does not. A singleton; thread-safe.
 */
@Path("/v1/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    private final QueueSnapshots snapshots;

    HealthResource(QueueSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    @GET
    public void health(@Suspended AsyncResponse response) {
        snapshots.queues().whenComplete((queues, error) -> response.resume(error != null ? GatewayErrors.unwrap(error)
                : Response.ok(Map.of("status", "UP")).build()));
    }
}
