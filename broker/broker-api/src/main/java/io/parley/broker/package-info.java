/**
 * Parley's broker client API: destinations, messages, sync points, delivery guarantees, the queue
 * primitives, request/reply, tickets and local transactions. Engine-neutral: nothing here names an
 * engine type (a test enforces it).
 */
package io.parley.broker;
