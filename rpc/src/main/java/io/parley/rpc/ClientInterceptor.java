package io.parley.rpc;

/**
 * Sees every call a client makes: before the request is sent (to add headers, log, count) and
 * once its outcome is known. {@link #afterCall} runs on the thread that completes the call (the
 * caller's, or the client's callback thread for asynchronous calls) and must not block. For a
 * one-way call the outcome is the request being stored; for a ticket, the request being submitted.
 */
public interface ClientInterceptor {

    /** Called on the calling thread before the first attempt is sent; throwing fails the call. */
    default void beforeSend(ClientCall call) {
    }

    /** Called once per call with its status and, on failure, what the caller receives. */
    default void afterCall(ClientCall call, RpcStatus status, Throwable failure) {
    }
}
