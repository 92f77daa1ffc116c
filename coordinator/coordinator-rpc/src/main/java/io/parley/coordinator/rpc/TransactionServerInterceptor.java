package io.parley.coordinator.rpc;

import io.parley.coordinator.TransactionContext;
import io.parley.coordinator.TransactionHeaders;
import io.parley.rpc.ServerCall;
import io.parley.rpc.ServerInterceptor;

import java.util.Optional;

/**
 * Makes the request's transaction context current while the method runs (a request without one
 * runs outside any transaction; a malformed one fails the call naming the header). Stateless.
 */
public final class TransactionServerInterceptor implements ServerInterceptor {

    @Override
    public Object intercept(ServerCall call, Invocation next) throws Exception {
        Optional<TransactionContext> context = TransactionHeaders.extract(call.headers());
        if (context.isEmpty()) {
            return next.proceed();
        }
        return CurrentTransaction.callIn(context.get(), next::proceed);
    }
}
