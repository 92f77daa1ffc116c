package io.parley.broker.gateway;

import io.parley.common.ErrorCode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Gives Jersey's own errors (no such path 404, method not allowed 405, unsupported media type 415,
 * ...) the gateway's JSON error shape, keeping their status. Statuses without a code of their own
 * use the nearest {@link ErrorCode}: 404 not-found, other 4xx invalid-argument, 503 unavailable,
 * other 5xx internal. Registered as a class: Jersey injects per-request proxies of the context.
 */
final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    private UriInfo uriInfo;
    @Context
    private Request request;

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        ErrorCode code;
        if (status == 404) {
            code = ErrorCode.NOT_FOUND;
        } else if (status == 413) {
            code = ErrorCode.MESSAGE_TOO_LARGE;
        } else if (status == 503) {
            code = ErrorCode.UNAVAILABLE;
        } else if (status < 500) {
            code = ErrorCode.INVALID_ARGUMENT;
        } else {
            code = ErrorCode.INTERNAL;
        }
        String allow = original.getHeaderString("Allow");
        String target = request.getMethod() + " /" + uriInfo.getPath();
        String message;
        if (status == 404) {
            message = "no resource at " + target;
        } else if (status == 405) {
            message = "method not allowed: " + target + "; allowed are " + allow;
        } else if (e.getMessage() != null && !e.getMessage().startsWith("HTTP ")) {
            message = target + ": " + e.getMessage();
        } else {
            message = target + ": " + status + " " + original.getStatusInfo().getReasonPhrase();
        }
        Response.ResponseBuilder answer = Response.fromResponse(ErrorBody.response(status, code, message));
        if (allow != null) {
            answer.header("Allow", allow);
        }
        return answer.build();
    }
}
