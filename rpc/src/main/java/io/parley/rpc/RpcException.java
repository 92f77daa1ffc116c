package io.parley.rpc;

import io.parley.common.ParleyException;

import java.util.Objects;

/**
 * A call that failed, with its {@link RpcStatus}. The hierarchy:
 * <ul>
 *   <li>{@code RpcException} — every failure; {@link #status()} says which. Retriable:
 *       {@code DEADLINE_EXCEEDED}, {@code UNAVAILABLE}, {@code RESOURCE_EXHAUSTED}.</li>
 *   <li>{@link RemoteErrorException} — {@code REMOTE_ERROR}: the method itself threw an exception
 *       the interface does not declare; carries the remote type, message and cause chain.</li>
 * </ul>
 * Checked exceptions the interface declares are not wrapped: they come back as themselves.
 */
public class RpcException extends ParleyException {

    private final RpcStatus status;

    public RpcException(RpcStatus status, String message) {
        this(status, message, null);
    }

    public RpcException(RpcStatus status, String message, Throwable cause) {
        super(requireFailure(status).errorCode(), message, cause);
        this.status = status;
    }

    private static RpcStatus requireFailure(RpcStatus status) {
        if (Objects.requireNonNull(status, "status") == RpcStatus.OK) {
            throw new IllegalArgumentException("an RpcException needs a failure status, not OK");
        }
        return status;
    }

    public RpcStatus status() {
        return status;
    }

    @Override
    public boolean isRetriable() {
        return status.isRetriable();
    }
}
