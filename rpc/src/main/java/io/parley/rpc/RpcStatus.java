package io.parley.rpc;

import io.parley.common.ErrorCode;

/**
 * The outcome of a call as it crosses the wire, in the {@code rpc_status} header of every reply.
 * Numbers and names never change once released; new statuses are only appended.
 */
public enum RpcStatus {
    /** The method ran and returned. */
    OK(0, null, false),
    /** The caller cancelled the call before the server started it. */
    CANCELLED(1, ErrorCode.ABORTED, false),
    /** The method threw; the reply carries the remote type, message and cause chain. */
    REMOTE_ERROR(2, ErrorCode.INTERNAL, false),
    /** The arguments could not be decoded or do not fit the method. */
    INVALID_ARGUMENT(3, ErrorCode.INVALID_ARGUMENT, false),
    /** The call's deadline passed before a reply arrived, or before the server got to the work. */
    DEADLINE_EXCEEDED(4, ErrorCode.DEADLINE_EXCEEDED, true),
    /** No endpoint for the service, or the service has no such method. */
    NOT_FOUND(5, ErrorCode.NOT_FOUND, false),
    /** A server limit is reached (the executed-request table is full of calls within their deadlines). */
    RESOURCE_EXHAUSTED(8, ErrorCode.RESOURCE_EXHAUSTED, true),
    /** The call was abandoned: an orphan of an earlier caller epoch. */
    ABORTED(10, ErrorCode.ABORTED, false),
    /** The broker cannot be reached, or the server is draining. */
    UNAVAILABLE(14, ErrorCode.UNAVAILABLE, true),
    /**
     * At-most-once: the server crashed while running the method, so it may or may not have taken
     * effect; it is never run again for this request.
     */
    OUTCOME_UNKNOWN(16, ErrorCode.INTERNAL, false);

    private final int number;
    private final ErrorCode errorCode;
    private final boolean retriable;

    RpcStatus(int number, ErrorCode errorCode, boolean retriable) {
        this.number = number;
        this.errorCode = errorCode;
        this.retriable = retriable;
    }

    /** The stable number of this status. */
    public int number() {
        return number;
    }

    /** The Parley-wide error code of a failure with this status; {@code null} for {@link #OK}. */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /** Whether the same call, made again, may succeed. */
    public boolean isRetriable() {
        return retriable;
    }
}
