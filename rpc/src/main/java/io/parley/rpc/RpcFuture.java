package io.parley.rpc;

import java.util.concurrent.CompletableFuture;

/**
 * The future an asynchronous call returns. Cancelling it tells the servers (over the control
 * topic) to drop the request if they have not started it.
 */
final class RpcFuture<T> extends CompletableFuture<T> {

    private final Runnable onCancel;

    RpcFuture(Runnable onCancel) {
        this.onCancel = onCancel;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            onCancel.run();
        }
        return cancelled;
    }
}
