package io.parley.coordinator.rpc;

import io.parley.coordinator.TransactionHeaders;
import io.parley.rpc.ClientCall;
import io.parley.rpc.ClientInterceptor;

import java.util.LinkedHashMap;
import java.util.Map;

/** Adds the caller's current transaction context to every request's headers. Stateless, thread-safe. */
public final class TransactionClientInterceptor implements ClientInterceptor {

    @Override
    public void beforeSend(ClientCall call) {
        CurrentTransaction.get().ifPresent(context -> {
            Map<String, String> headers = new LinkedHashMap<>();
            TransactionHeaders.inject(context, headers);
            headers.forEach(call::header);
        });
    }
}
