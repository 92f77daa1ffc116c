package io.parley.naming.server;

import io.parley.naming.InvalidNameException;
import io.parley.naming.Name;
import io.parley.naming.NamingClient;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code GET /v1/zones} (zones served, role, serial) and {@code GET /v1/zones/{zone}/changes?fromSerial=N}
 * (a zone transfer for secondaries; the root zone is spelled {@code @}). Thread-safe.
 */
@Path("v1/zones")
public final class ZonesResource {

    private final NamingService service;

    ZonesResource(NamingService service) {
        this.service = service;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response zones(@Context UriInfo uri) {
        String base = uri.getBaseUri().toString();
        return Json.json(200, service.zones(base.endsWith("/") ? base.substring(0, base.length() - 1) : base)).build();
    }

    @GET
    @Path("{zone: .+}/changes")
    @Produces(MediaType.APPLICATION_JSON)
    public Response changes(@PathParam("zone") String zone, @QueryParam("fromSerial") @DefaultValue("0") String fromSerial) {
        Name apex = NamingClient.ROOT_ZONE_SEGMENT.equals(zone) ? Name.ROOT : Name.parseRelativeToRoot(zone);
        long from;
        try {
            from = Long.parseLong(fromSerial);
        } catch (NumberFormatException e) {
            throw new InvalidNameException("fromSerial '" + fromSerial + "' is no serial (an integer >= 0)");
        }
        if (from < 0) {
            throw new InvalidNameException("fromSerial " + from + " is negative; serials start at 0");
        }
        return Json.json(200, service.changes(apex, from)).build();
    }
}
