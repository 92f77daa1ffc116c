/**
 * Carries a global transaction's context through Parley RPC: the client interceptor copies the
 * caller's {@link io.parley.coordinator.rpc.CurrentTransaction} into the request headers
 * ({@link io.parley.coordinator.TransactionHeaders}), the server interceptor makes it current while
 * the method runs, so a service can enlist as a participant.
 */
package io.parley.coordinator.rpc;
