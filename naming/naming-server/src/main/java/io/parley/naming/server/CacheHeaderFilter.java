package io.parley.naming.server;

import io.parley.naming.CacheStatus;
import io.parley.naming.NamingHeaders;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/** Every answer under {@code /v1/resolve} carries {@code Parley-Cache}; errors (400, 503) say {@code miss}. Thread-safe. */
public final class CacheHeaderFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if ((path.startsWith("v1/resolve") || path.startsWith("/v1/resolve")) && !response.getHeaders().containsKey(NamingHeaders.CACHE)) {
            response.getHeaders().putSingle(NamingHeaders.CACHE, CacheStatus.MISS.wireName());
        }
    }
}
