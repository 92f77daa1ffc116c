package io.parley.naming.server;

import io.parley.naming.InvalidNameException;
import io.parley.naming.Name;
import io.parley.naming.Change;
import io.parley.naming.WatchEvents;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;

import org.glassfish.jersey.server.ChunkedOutput;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /v1/watch/{path}?afterSerial=N&waitMs=W}: a long poll. Answers at once with the changes
 * under {@code path} after serial N if there are any (or the zone's current serial when N is -1, the
 * default), otherwise holds the request until the next such change or {@code waitMs} (at most
 * {@value #MAX_WAIT_MS}) passes, then answers with no changes; {@code truncated} (at once) when the
 * zone's change log no longer reaches back to N. The watcher presents the answer's
 * {@code serial} next time. No request thread waits: the answer resumes on a change's future. With
 * {@code Accept: text/event-stream} the watch is a stream of server-sent events instead ({@link #stream}).
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
    @Produces("application/json;qs=1")
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

    /**
     * The same watch as server-sent events ({@code Accept: text/event-stream}): one {@code serial} event
     * naming where the stream starts, then one {@code change} event per change under the path (its
     * {@code id} is the change's serial; {@code data} the change as JSON), and {@code truncated} when
     * the zone's log no longer reaches back (reconnect with {@code afterSerial} = the last id seen).
     *
     * <pre>
     *   event: serial          id: 7          event: change
     *   id: 7                  event: change  ...
     *   data: {"zone":"/","serial":7}         data: {"serial":8,"name":"/apps/web","op":"put","record":{...}}
     * </pre>
     */
    @GET
    @Path("{path: .*}")
    @Produces("text/event-stream;qs=0.5")
    public ChunkedOutput<String> stream(@PathParam("path") String path, @QueryParam("afterSerial") @DefaultValue("-1") long afterSerial) {
        Name name = Name.parseRelativeToRoot(path);
        NamingService.WatchState now = service.watchState(name, -1);
        long start = afterSerial < 0 ? now.events().serial() : afterSerial;
        ChunkedOutput<String> output = new ChunkedOutput<>(String.class);
        if (send(output, "serial", start, Json.write(java.util.Map.of("zone", now.events().zone(), "serial", start)))) {
            streamFrom(output, name, start);
        }
        return output;
    }

    private void streamFrom(ChunkedOutput<String> output, Name name, long afterSerial) {
        if (output.isClosed()) {
            return;
        }
        NamingService.WatchState state = service.watchState(name, afterSerial);
        WatchEvents events = state.events();
        if (events.truncated()) {
            if (!send(output, "truncated", events.serial(), Json.write(java.util.Map.of("zone", events.zone(), "serial", events.serial())))) {
                return;
            }
        }
        for (Change change : events.changes()) {
            if (!send(output, "change", change.serial(), Json.write(change))) {
                return;
            }
        }
        long next = Math.max(afterSerial, events.serial());
        state.nextChange().thenRunAsync(() -> streamFrom(output, name, next));
    }

    /** Writes one event; false (and the stream closed) if the client is gone. */
    private static boolean send(ChunkedOutput<String> output, String event, long id, String data) {
        try {
            output.write("event: " + event + "\nid: " + id + "\ndata: " + data + "\n\n");
            return true;
        } catch (IOException e) {
            try {
                output.close();
            } catch (IOException ignored) {
                // the client is gone either way
            }
            return false;
        }
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
