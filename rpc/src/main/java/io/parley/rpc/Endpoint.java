package io.parley.rpc;

import io.parley.broker.Destination;

/**
 * Where a service's requests go: the broker queue its servers consume.
 *
 * @param service the service name
 * @param queue   the request queue (a valid queue name)
 */
public record Endpoint(String service, String queue) {

    public Endpoint {
        ServiceNames.check(service);
        Destination.queue(queue);
    }
}
