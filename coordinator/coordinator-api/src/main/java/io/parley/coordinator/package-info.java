/**
 * Global transactions over Parley's queues: the application's view.
 *
 * <p>A {@link io.parley.coordinator.TransactionCoordinator} begins a {@link io.parley.coordinator.GlobalTransaction};
 * its {@link io.parley.coordinator.TransactionContext} (id and coordinator queue) travels with every message
 * sent on its behalf ({@link io.parley.coordinator.TransactionHeaders}); a service that does work for it enlists
 * as a participant; {@code commit()} runs the protocol and answers an {@link io.parley.coordinator.Outcome}.
 * The protocol's states, messages and votes are types in {@link io.parley.coordinator.protocol}.
 */
package io.parley.coordinator;
