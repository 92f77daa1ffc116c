package io.parley.rpc;

/**
 * The remote method threw an exception its interface does not declare ({@link RpcStatus#REMOTE_ERROR}).
 * {@link #remoteType()} and {@link #remoteMessage()} are the remote exception's class name and
 * message; its remote cause, if any, is this exception's {@link #getCause()}, another
 * {@code RemoteErrorException}, and so on down the remote cause chain.
 */
public class RemoteErrorException extends RpcException {

    private final String remoteType;
    private final String remoteMessage;

    public RemoteErrorException(String remoteType, String remoteMessage, RemoteErrorException remoteCause) {
        super(RpcStatus.REMOTE_ERROR, remoteType + (remoteMessage != null ? ": " + remoteMessage : ""), remoteCause);
        this.remoteType = remoteType;
        this.remoteMessage = remoteMessage;
    }

    /** The remote exception's class name. */
    public String remoteType() {
        return remoteType;
    }

    /** The remote exception's message; may be {@code null}. */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** The remote cause, translated; {@code null} at the end of the chain. */
    public RemoteErrorException remoteCause() {
        return (RemoteErrorException) getCause();
    }
}
