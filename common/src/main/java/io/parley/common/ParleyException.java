package io.parley.common;

/**
 * The one unchecked root of every exception Parley throws.
 *
 * <p>Each exception carries an {@link ErrorCode}, the stable code that crosses the wire (HTTP error
 * bodies, RPC status), and says whether retrying the same operation may succeed: a
 * {@linkplain #isRetriable() retriable} failure is transient (an engine restarting, a deadline too
 * short); a non-retriable one is a property of the request (a bad name, a message too large) and
 * fails again the same way.
 */
public class ParleyException extends RuntimeException {

    private final ErrorCode code;

    public ParleyException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ParleyException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The stable code of this failure, as it crosses the wire. */
    public ErrorCode code() {
        return code;
    }

    /** Whether the same operation, retried unchanged, may succeed. */
    public boolean isRetriable() {
        return code.isRetriable();
    }
}
