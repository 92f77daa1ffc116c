package io.parley.node.naming;

import io.parley.naming.Name;
import io.parley.naming.RecordType;

/**
 * One name a service hosted by a node publishes in the naming service once the node serves:
 * {@code /services/parley/echo} of type {@code service} at queue {@code rpc.parley.echo}, or
 * {@code /transactions/coordinators/1} of type {@code coordinator} at the coordinator's queue.
 *
 * @param name  the absolute name
 * @param type  the record's type
 * @param queue the queue the name stands for (the record's one address)
 * @param ttlMs how long resolvers may cache the record
 */
public record NamingEntry(Name name, RecordType type, String queue, long ttlMs) {
}
