package io.parley.broker.gateway;

import io.parley.common.ErrorCode;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * Refuses a request whose {@code Content-Type} is no media type with 400 {@code invalid-argument} in
 * the gateway's JSON error shape, naming the value and the rule. Without it Jersey answers such a
 * request 400 with an empty body: it parses the header while matching the request to a resource,
 * before any exception mapper is consulted. Stateless.
 */
@PreMatching
final class ContentTypeCheck implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType == null) {
            return;
        }
        try {
            MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            request.abortWith(ErrorBody.response(400, ErrorCode.INVALID_ARGUMENT, "header " + HttpHeaders.CONTENT_TYPE + " '"
                    + contentType + "' is invalid: a media type type/subtype[; parameter=value] is expected, e.g. text/plain; charset=utf-8"));
        }
    }
}
