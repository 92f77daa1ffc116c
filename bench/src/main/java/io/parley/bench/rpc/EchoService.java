package io.parley.bench.rpc;

import io.parley.rpc.Idempotent;

/** The benchmarked service: returns its argument. Idempotent, as gRPC's unary call has no duplicate suppression either. */
public interface EchoService {

    @Idempotent
    String echo(String payload);

    /** The same, at-most-once (durable executed-request table), for the report's second line. */
    String echoOnce(String payload);
}
