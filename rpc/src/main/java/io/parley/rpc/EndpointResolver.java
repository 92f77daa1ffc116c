package io.parley.rpc;

/**
 * Resolves a service name to the endpoint its requests go to. Clients resolve on every call (an
 * implementation caches as it sees fit); servers resolve once per export.
 *
 * <p>{@link StaticEndpointResolver} maps names by a fixed table and the {@code rpc.<service>}
 * convention. A naming-backed resolver (looking the service up in the name space, with the
 * naming client's caching and TTLs) implements this same interface. Implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface EndpointResolver {

    /**
     * @throws RpcException with {@link RpcStatus#NOT_FOUND} if the service has no endpoint, or
     *                      {@link RpcStatus#UNAVAILABLE} if the resolver cannot answer now
     */
    Endpoint resolve(String service);
}
