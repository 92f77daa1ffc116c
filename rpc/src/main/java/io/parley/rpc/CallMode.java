package io.parley.rpc;

/** How a call is made, chosen by the method's signature (see {@link RpcClient}). */
public enum CallMode {
    /** Returns the result; blocks until the reply or the deadline. */
    SYNC,
    /** {@code void} + {@link OneWay}: returns once the request is stored; no reply. */
    ONE_WAY,
    /** Returns a {@code CompletableFuture} of the result. */
    ASYNC,
    /** Deferred-synchronous: returns a {@link Ticket}; the reply waits in the caller's durable mailbox. */
    TICKET;

    /** Whether a live caller instance waits for the reply (so the call is an orphan once that instance is gone). */
    boolean awaitedByInstance() {
        return this == SYNC || this == ASYNC;
    }
}
