package io.parley.rpc;

/** What a call promises about how often the method runs, chosen per method by the server's interface. */
public enum CallSemantics {
    /**
     * The default: the server records each request (caller, epoch, request id) durably before it
     * runs the method and the reply after; a retried or redelivered copy is answered from that
     * table and never runs the method again, also after a server restart.
     */
    AT_MOST_ONCE,
    /** {@link Idempotent} methods: retried with back-off, run for every copy that reaches the server. */
    AT_LEAST_ONCE
}
