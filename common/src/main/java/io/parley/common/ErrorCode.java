package io.parley.common;

/**
 * Error codes that cross the wire. The {@link #wireName()} and {@link #httpStatus()} of a code never
 * change once released; new codes are only appended.
 */
public enum ErrorCode {
    /** A name, header, parameter or message field is outside its rule. */
    INVALID_ARGUMENT("invalid-argument", 400, false),
    /** The thing named does not exist (a queue, a receipt, a ticket). */
    NOT_FOUND("not-found", 404, false),
    /** A message is larger than the configured limit. */
    MESSAGE_TOO_LARGE("message-too-large", 413, false),
    /** The engine lacks a capability the request needs. */
    UNSUPPORTED("unsupported", 501, false),
    /** A deadline passed before the operation completed. */
    DEADLINE_EXCEEDED("deadline-exceeded", 504, true),
    /** The engine or store cannot take writes right now (stopping, disk full, unreachable). */
    UNAVAILABLE("unavailable", 503, true),
    /** A limit on outstanding work (receipts, in-flight requests) is reached. */
    RESOURCE_EXHAUSTED("resource-exhausted", 429, true),
    /** A local transaction was rolled back instead of committed. */
    ABORTED("aborted", 409, true),
    /** The client or broker was used after it was closed. */
    CLOSED("closed", 503, false),
    /** A failure Parley did not anticipate; the message says what happened. */
    INTERNAL("internal", 500, false);

    private final String wireName;
    private final int httpStatus;
    private final boolean retriable;

    ErrorCode(String wireName, int httpStatus, boolean retriable) {
        this.wireName = wireName;
        this.httpStatus = httpStatus;
        this.retriable = retriable;
    }

    /** The code's name in JSON error bodies: {@code {"error": "<wireName>", ...}}. */
    public String wireName() {
        return wireName;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public boolean isRetriable() {
        return retriable;
    }
}
