package io.parley.naming.server;

import io.parley.naming.InvalidNameException;
import io.parley.naming.Name;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;

import java.util.concurrent.TimeUnit;

/**
 * {@code GET /v1/watch/{path}?afterSerial=N&waitMs=W}: a long poll. Answers at once with the changes
 * under {@code path} after serial N if there are any (or the zone's current serial when N is -1, the
 * default), otherwise holds the request until the next such change or {@code waitMs} (at most
 * {@value #MAX_WAIT_MS}) passes, then answers with no changes; {@code truncated} (at once) when the
 * zone's change log no longer reaches back to N. The watcher presents the answer's
 * {@code serial} next time. No request thread waits: the answer resumes on a change's future.
 */
@Path("v1/watch")
public final class WatchResource {

    static final long MAX_WAIT_MS = 120_000;

    private final NamingService service;

    WatchResource(NamingService service) {
        this.service = service;
    }

    @GET
    @Path("{path: .*}")
    @Produces(MediaType.APPLICATION_JSON)
    public void watch(@PathParam("path") String path, @QueryParam("afterSerial") @DefaultValue("-1") long afterSerial,
                      @QueryParam("waitMs") @DefaultValue("30000") long waitMs, @Suspended AsyncResponse async) {
        Name name = Name.parseRelativeToRoot(path);
        if (waitMs < 0 || waitMs > MAX_WAIT_MS) {
            throw new InvalidNameException("waitMs " + waitMs + " is outside 0.." + MAX_WAIT_MS);
        }
        NamingService.WatchState first = service.watchState(name, afterSerial);
        if (afterSerial < 0 || waitMs == 0 || first.events().truncated() || !first.events().changes().isEmpty()) {
            async.resume(Json.json(200, first.events()).build());
            return;
        }
        async.setTimeoutHandler(timedOut -> timedOut.resume(Json.json(200, service.watchState(name, afterSerial).events()).build()));
        async.setTimeout(waitMs, TimeUnit.MILLISECONDS);
        first.nextChange().thenRunAsync(() -> poll(async, name, afterSerial));
    }

    private void poll(AsyncResponse async, Name name, long afterSerial) {
        if (async.isDone()) {
            return;
        }
        NamingService.WatchState state = service.watchState(name, afterSerial);
        if (state.events().truncated() || !state.events().changes().isEmpty()) {
            async.resume(Json.json(200, state.events()).build());
        } else {
            state.nextChange().thenRunAsync(() -> poll(async, name, afterSerial));
        }
    }
}
