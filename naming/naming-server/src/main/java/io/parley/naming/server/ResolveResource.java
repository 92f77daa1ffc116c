package io.parley.naming.server;

import io.parley.naming.Name;
import io.parley.naming.NamingHeaders;
import io.parley.naming.NotFound;
import io.parley.naming.ResolutionMode;
import io.parley.naming.VersionToken;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * {@code GET /v1/resolve/{path}?mode=iterative|recursive} (default recursive): 200 with an answer or a
 * referral, 404 not-found with the negative TTL; {@code Parley-Cache: hit|miss|stale} on every answer;
 * {@code Parley-Min-Version} tokens for read-your-writes. Thread-safe (stateless over the service).
 */
@Path("v1/resolve")
public final class ResolveResource {

    private final NamingService service;

    ResolveResource(NamingService service) {
        this.service = service;
    }

    @GET
    @Path("{path: .*}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response resolve(@PathParam("path") String path, @QueryParam("mode") String mode,
                            @HeaderParam(NamingHeaders.MIN_VERSION) String minVersion,
                            @HeaderParam(NamingHeaders.HOPS) @DefaultValue("0") int hops) {
        Name name = Name.parseRelativeToRoot(path);
        ResolutionMode resolutionMode = ResolutionMode.of(mode);
        List<VersionToken> tokens = VersionToken.parseAll(minVersion);
        Outcome outcome = service.resolve(name, resolutionMode, tokens, hops);
        int status = outcome.reply() instanceof NotFound ? 404 : 200;
        return Json.json(status, outcome.reply()).header(NamingHeaders.CACHE, outcome.cache().wireName()).build();
    }
}
