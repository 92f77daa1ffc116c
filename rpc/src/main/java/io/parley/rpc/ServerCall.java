package io.parley.rpc;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The call a server thread is running, as the method and {@link ServerInterceptor}s see it.
 * {@link #current()} gives it to the method's code; calls the method makes through an
 * {@link RpcClient} continue its trace. Immutable.
 */
public final class ServerCall {

    private static final ThreadLocal<ServerCall> CURRENT = new ThreadLocal<>();

    private final String service;
    private final String method;
    private final String callerId;
    private final long callerEpoch;
    private final String requestId;
    private final Instant deadline;
    private final CallMode mode;
    private final CallSemantics semantics;
    private final Map<String, String> headers;
    private final Clock clock;

    ServerCall(String service, String method, String callerId, long callerEpoch, String requestId, Instant deadline,
               CallMode mode, CallSemantics semantics, Map<String, String> headers, Clock clock) {
        this.service = service;
        this.method = method;
        this.callerId = callerId;
        this.callerEpoch = callerEpoch;
        this.requestId = requestId;
        this.deadline = deadline;
        this.mode = mode;
        this.semantics = semantics;
        this.headers = Map.copyOf(headers);
        this.clock = clock;
    }

    /** The call this thread is serving, if it is running a remote method. */
    public static Optional<ServerCall> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static void enter(ServerCall call) {
        CURRENT.set(call);
    }

    static void exit() {
        CURRENT.remove();
    }

    public String service() {
        return service;
    }

    public String method() {
        return method;
    }

    public String callerId() {
        return callerId;
    }

    public long callerEpoch() {
        return callerEpoch;
    }

    public String requestId() {
        return requestId;
    }

    public Instant deadline() {
        return deadline;
    }

    /** Whether the deadline has passed: long work should check and stop. */
    public boolean isExpired() {
        return !clock.instant().isBefore(deadline);
    }

    public CallMode mode() {
        return mode;
    }

    public CallSemantics semantics() {
        return semantics;
    }

    /** The request's headers (the {@code rpc_*} ones, {@code traceparent} and the caller's own). */
    public Map<String, String> headers() {
        return headers;
    }

    /** The W3C {@code traceparent} of this call. */
    public Optional<String> traceparent() {
        return Optional.ofNullable(headers.get(RpcHeaders.TRACEPARENT));
    }
}
