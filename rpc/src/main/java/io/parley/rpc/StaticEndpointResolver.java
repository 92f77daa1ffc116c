package io.parley.rpc;

import java.util.Map;

/**
 * Resolves service names by a fixed table; names not in the table follow the convention
 * {@code rpc.<service>} unless the resolver is {@linkplain #strict strict}. Immutable, thread-safe.
 */
public final class StaticEndpointResolver implements EndpointResolver {

    /** The queue a service's requests go to by convention. */
    public static String conventionalQueue(String service) {
        return "rpc." + ServiceNames.check(service);
    }

    private final Map<String, String> queues;
    private final boolean strict;

    private StaticEndpointResolver(Map<String, String> queues, boolean strict) {
        queues.forEach(Endpoint::new);
        this.queues = Map.copyOf(queues);
        this.strict = strict;
    }

    /** Every service at {@code rpc.<service>}. */
    public static StaticEndpointResolver conventional() {
        return new StaticEndpointResolver(Map.of(), false);
    }

    /** The services in {@code queues} (service name to queue); others at {@code rpc.<service>}. */
    public static StaticEndpointResolver of(Map<String, String> queues) {
        return new StaticEndpointResolver(queues, false);
    }

    /** Only the services in {@code queues}; any other name is NOT_FOUND. */
    public static StaticEndpointResolver strict(Map<String, String> queues) {
        return new StaticEndpointResolver(queues, true);
    }

    @Override
    public Endpoint resolve(String service) {
        ServiceNames.check(service);
        String queue = queues.get(service);
        if (queue != null) {
            return new Endpoint(service, queue);
        }
        if (strict) {
            throw new RpcException(RpcStatus.NOT_FOUND, "service '" + service + "' has no endpoint: the resolver knows "
                    + queues.keySet().stream().sorted().toList());
        }
        return new Endpoint(service, conventionalQueue(service));
    }
}
