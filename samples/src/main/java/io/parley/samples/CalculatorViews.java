package io.parley.samples;

import io.parley.rpc.Idempotent;
import io.parley.rpc.Ticket;

import java.math.BigInteger;
import java.util.concurrent.CompletableFuture;

/** The caller's asynchronous and deferred-synchronous views of {@link Calculator}. */
final class CalculatorViews {

    private CalculatorViews() {
    }

    /** Asynchronous calls. */
    public interface Async {
        @Idempotent
        CompletableFuture<Double> add(double a, double b);
    }

    /** Deferred-synchronous calls: the reply waits in the caller's durable mailbox. */
    public interface Deferred {
        @Idempotent
        Ticket<BigInteger> factorial(int n);
    }
}
