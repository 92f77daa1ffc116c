package io.parley.rpc;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One outgoing call as {@link ClientInterceptor}s see it. The headers are the request's extra
 * headers (the {@code traceparent} among them); interceptors may add or replace headers in
 * {@link ClientInterceptor#beforeSend}. Belongs to the calling thread until the request is sent.
 */
public final class ClientCall {

    private final String service;
    private final String method;
    private final CallMode mode;
    private final CallSemantics semantics;
    private final String requestId;
    private final Instant deadline;
    private final Map<String, String> headers = new LinkedHashMap<>();

    ClientCall(String service, String method, CallMode mode, CallSemantics semantics, String requestId, Instant deadline) {
        this.service = service;
        this.method = method;
        this.mode = mode;
        this.semantics = semantics;
        this.requestId = requestId;
        this.deadline = deadline;
    }

    public String service() {
        return service;
    }

    public String method() {
        return method;
    }

    public CallMode mode() {
        return mode;
    }

    public CallSemantics semantics() {
        return semantics;
    }

    /** The request id, the same on every retry of this call. */
    public String requestId() {
        return requestId;
    }

    public Instant deadline() {
        return deadline;
    }

    /** Sets a request header (the broker's header name rule applies; names starting with {@code rpc_} are Parley's). */
    public void header(String name, String value) {
        if (name.startsWith("rpc_")) {
            throw new IllegalArgumentException("header name '" + name + "' is reserved: names starting with 'rpc_' belong to Parley RPC");
        }
        headers.put(name, value);
    }

    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }
}
