package io.parley.node.rpc;

import io.parley.rpc.Idempotent;

import java.time.Instant;

/**
 * The node's built-in RPC service {@value #NAME}: a way to check that calls reach the node, e.g.
 * {@code ./parley call parley.echo echo '["hello"]'}.
 */
public interface Echo {

    String NAME = "parley.echo";

    /** Returns {@code text}. */
    @Idempotent
    String echo(String text);

    /** The node's clock. */
    @Idempotent
    Instant time();
}
