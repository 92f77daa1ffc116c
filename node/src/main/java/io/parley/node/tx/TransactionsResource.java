package io.parley.node.tx;

import io.parley.common.ErrorCode;
import io.parley.coordinator.TransactionException;
import io.parley.coordinator.core.AdminState;
import io.parley.coordinator.core.TransactionAdmin;
import io.parley.coordinator.core.TransactionView;
import io.parley.coordinator.protocol.Decision;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The admin API of global transactions (a contract):
 * <pre>
 *   GET  /v1/transactions?state=active|in-doubt|committed|aborted|heuristic
 *        -> [{"id","state","role","participants":[{"name","queue","vote","state"}],"startedAt","decidedAt","reason"}]
 *   GET  /v1/transactions/{id}            -> the same object plus "timeline" and "operatorDecision"
 *   POST /v1/transactions/{id}/decision   {"outcome":"commit"|"abort","operator":"who"}  -> the object after the decision
 * </pre>
 * Errors are {@code {"error","message"}}: 400 for a bad state or outcome, 404 for an unknown id.
 * Thread-safe (stateless over {@link TransactionAdmin}).
 */
@Path("/v1/transactions")
@Produces(MediaType.APPLICATION_JSON)
public final class TransactionsResource {

    /** The body of a decision. */
    public record DecisionRequest(String outcome, String operator) {
    }

    private final TransactionAdmin admin;

    public TransactionsResource(TransactionAdmin admin) {
        this.admin = admin;
    }

    @GET
    public List<Map<String, Object>> list(@QueryParam("state") String state) {
        AdminState filter = state == null || state.isEmpty() ? null : AdminState.fromWireName(state);
        return admin.list(filter).stream().map(v -> json(v, false)).toList();
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("id") String id) {
        return json(admin.show(id), true);
    }

    @POST
    @Path("{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> decide(@PathParam("id") String id, DecisionRequest body,
                                      @jakarta.ws.rs.core.Context jakarta.ws.rs.core.HttpHeaders headers) {
        if (body == null || body.outcome() == null) {
            throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "the decision needs a body {\"outcome\": \"commit\"|\"abort\"}");
        }
        Decision decision = switch (body.outcome()) {
            case "commit" -> Decision.COMMIT;
            case "abort" -> Decision.ABORT;
            default -> throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "outcome '" + body.outcome()
                    + "' is not one of [commit, abort]");
        };
        String operator = body.operator() != null && !body.operator().isBlank() ? body.operator()
                : headers.getHeaderString("X-Parley-Operator") != null ? headers.getHeaderString("X-Parley-Operator") : "anonymous";
        if (operator.length() > 100) {
            throw new TransactionException(ErrorCode.INVALID_ARGUMENT, "operator is " + operator.length() + " characters, more than 100");
        }
        return json(admin.decide(id, decision, operator), true);
    }

    static Map<String, Object> json(TransactionView v, boolean detail) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", v.id());
        out.put("state", v.state().wireName());
        out.put("role", v.role());
        out.put("participants", v.participants().stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("queue", p.queue());
            m.put("vote", p.vote());
            m.put("state", p.state().toLowerCase(Locale.ROOT));
            return m;
        }).toList());
        out.put("startedAt", text(v.startedAt()));
        out.put("decidedAt", text(v.decidedAt()));
        out.put("reason", v.reason());
        if (detail) {
            out.put("timeline", v.timeline().stream().map(e -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("at", text(e.at()));
                m.put("direction", e.direction());
                m.put("type", e.type().name());
                m.put("participant", e.participant());
                m.put("note", e.note());
                return m;
            }).toList());
            if (v.operator() != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("outcome", v.operator().outcome());
                m.put("by", v.operator().by());
                m.put("at", text(v.operator().at()));
                out.put("operatorDecision", m);
            }
        }
        return out;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
