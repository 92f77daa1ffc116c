package io.parley.bench.naming;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The baseline: the same HTTP server (Grizzly, Jersey, its workers) answering a fixed JSON body of
 * the size of a resolve answer, with the same header count — the transport's ceiling. Stateless.
 */
@Path("bench/fixed")
public final class FixedAnswerResource {

    private final String body;

    FixedAnswerResource(String body) {
        this.body = body;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response fixed() {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).header("Parley-Cache", "hit").build();
    }
}
