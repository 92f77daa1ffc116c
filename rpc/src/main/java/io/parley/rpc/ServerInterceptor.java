package io.parley.rpc;

/**
 * Wraps every method call a server runs, on the worker thread that runs it: to check, log, time,
 * or refuse (by throwing — an {@link RpcException} keeps its status, anything else is a
 * REMOTE_ERROR). Interceptors run in the order they were added, the first outermost.
 */
@FunctionalInterface
public interface ServerInterceptor {

    Object intercept(ServerCall call, Invocation next) throws Exception;

    /** The rest of the chain: the next interceptor, and at its end the method. */
    @FunctionalInterface
    interface Invocation {
        Object proceed() throws Exception;
    }
}
