package io.parley.broker.gateway;

import io.parley.broker.Broker;
import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * {@code /v1/health}: {@code {"status": "UP"}} when the broker answers a query of its queues,
 * 503 {@code unavailable} with the reason when it does not. A singleton; thread-safe.
 */
@Path("/v1/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    private final Broker broker;

    HealthResource(Broker broker) {
        this.broker = broker;
    }

    @GET
    public Map<String, String> health() {
        try {
            broker.queues();
        } catch (RuntimeException e) {
            throw new ParleyException(ErrorCode.UNAVAILABLE, "the broker does not answer: " + e.getMessage(), e);
        }
        return Map.of("status", "UP");
    }
}
