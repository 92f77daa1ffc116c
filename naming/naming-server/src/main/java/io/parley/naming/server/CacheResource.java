package io.parley.naming.server;

import io.parley.naming.Answer;
import io.parley.naming.Name;
import io.parley.naming.Reply;
import io.parley.naming.internal.ExpiringCache.Cached;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/cache}: what this server's resolver has cached (name, answer or not-found, remaining
 * TTL, stale) and how many upstream queries it sent; {@code DELETE /v1/cache} flushes it. For operators
 * and tests. Thread-safe.
 */
@Path("v1/cache")
public final class CacheResource {

    private final NamingService service;

    CacheResource(NamingService service) {
        this.service = service;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response cache() {
        long now = service.nowMs();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Map.Entry<Name, Cached<Reply>> entry : service.resolver().cache().snapshot(now).entrySet()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", entry.getKey().toString());
            row.put("kind", entry.getValue().value() instanceof Answer ? "answer" : "not-found");
            if (entry.getValue().value() instanceof Answer answer) {
                row.put("type", answer.record().type().wireName());
            }
            row.put("ttlMs", entry.getValue().remainingTtlMs(now));
            row.put("stale", !entry.getValue().isFresh(now));
            entries.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("upstreamQueries", service.resolver().upstreamQueries());
        body.put("coalesced", service.resolver().coalesced());
        body.put("entries", entries);
        return Json.json(200, body).build();
    }

    @DELETE
    public Response flush() {
        service.resolver().cache().clear();
        return Response.noContent().build();
    }
}
