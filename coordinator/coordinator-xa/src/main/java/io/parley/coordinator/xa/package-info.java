/**
 * In-process XA: several XA resources of one JVM (PostgreSQL through {@code PGXADataSource}, an
 * Artemis XA session, ...) committed atomically by Narayana JTA, with XA recovery wired.
 * See {@link io.parley.coordinator.xa.XaTransactions}.
 */
package io.parley.coordinator.xa;
