package io.parley.naming.server;

import io.parley.naming.Name;
import io.parley.naming.NamingHeaders;
import io.parley.naming.VersionToken;
import io.parley.naming.WriteResult;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * {@code PUT /v1/names/{path}} (201 created, 200 replaced) and {@code DELETE /v1/names/{path}} (204),
 * each answering the write's version token in {@code Parley-Version}. A write to a secondary zone is
 * answered 307 with the primary's URL in {@code Location}. Thread-safe (stateless over the service).
 */
@Path("v1/names")
public final class NamesResource {

    private final NamingService service;

    NamesResource(NamingService service) {
        this.service = service;
    }

    @PUT
    @Path("{path: .+}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response bind(@PathParam("path") String path, String body) {
        Name name = Name.parseRelativeToRoot(path);
        try {
            WriteResult result = service.bind(name, Json.record(body));
            return Json.json(result.created() ? 201 : 200, result).header(NamingHeaders.VERSION, result.version()).build();
        } catch (NotPrimaryException e) {
            return redirect(e, name);
        }
    }

    @DELETE
    @Path("{path: .+}")
    public Response unbind(@PathParam("path") String path) {
        Name name = Name.parseRelativeToRoot(path);
        try {
            VersionToken token = service.unbind(name);
            return Response.noContent().header(NamingHeaders.VERSION, token.toString()).build();
        } catch (NotPrimaryException e) {
            return redirect(e, name);
        }
    }

    private static Response redirect(NotPrimaryException e, Name name) {
        return Response.temporaryRedirect(URI.create(e.primaryUrl() + "/v1/names/" + name.urlPath()))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.write(java.util.Map.of("error", "not-primary", "message", e.getMessage()))).build();
    }
}
