package io.parley.rpc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves service names by a fixed table; names not in the table follow the convention
 * {@code rpc.<service>} unless the resolver is {@linkplain #strict strict}. Its answers never change
 * (it caches them); thread-safe.
 */
public final class StaticEndpointResolver implements EndpointResolver {

    /** The queue a service's requests go to by convention. */
    public static String conventionalQueue(String service) {
        return "rpc." + ServiceNames.check(service);
    }

    /** At most this many resolved endpoints are kept; names beyond it are resolved anew each time. */
    private static final int MAX_CACHED = 1024;

    private final Map<String, String> queues;
    private final boolean strict;
    /** Endpoints already resolved, so a call does not check its service name and build its queue name again. */
    private final Map<String, Endpoint> resolved = new ConcurrentHashMap<>();

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
        Endpoint known = service == null ? null : resolved.get(service);
        if (known != null) {
            return known;
        }
        ServiceNames.check(service);
        String queue = queues.get(service);
        if (queue != null) {
            return remember(new Endpoint(service, queue));
        }
        if (strict) {
            throw new RpcException(RpcStatus.NOT_FOUND, "service '" + service + "' has no endpoint: the resolver knows "
                    + queues.keySet().stream().sorted().toList());
        }
        return remember(new Endpoint(service, conventionalQueue(service)));
    }

    private Endpoint remember(Endpoint endpoint) {
        if (resolved.size() < MAX_CACHED) {
            resolved.put(endpoint.service(), endpoint);
        }
        return endpoint;
    }
}
