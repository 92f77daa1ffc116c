package io.parley.naming.server;

import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON error shape {@code {"error", "message"}} for a standalone {@link NamingServer} (a node
 * registers its own mappers, which produce the same shape). Stateless.
 */
final class NamingExceptionMappers {

    private static final Logger LOG = LoggerFactory.getLogger(NamingExceptionMappers.class);

    private NamingExceptionMappers() {
    }

    /** A {@link ParleyException} keeps its code and message. */
    static final class Parley implements ExceptionMapper<ParleyException> {
        @Override
        public Response toResponse(ParleyException e) {
            return Json.error(e.code(), e.getMessage());
        }
    }

    /** Jersey's own errors (404 no such path, 405, 415) keep their status. */
    static final class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            ErrorCode code = status == 404 ? ErrorCode.NOT_FOUND : status < 500 ? ErrorCode.INVALID_ARGUMENT : ErrorCode.INTERNAL;
            return Response.fromResponse(Json.error(code, e.getMessage())).status(status).build();
        }
    }

    /** Anything else is a 500 naming the failure, and is logged. */
    static final class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            if (e instanceof WebApplicationException web) {
                return new WebApplication().toResponse(web);
            }
            if (e instanceof ParleyException parley) {
                return new Parley().toResponse(parley);
            }
            LOG.error("naming request failed unexpectedly", e);
            return Json.error(ErrorCode.INTERNAL, e.toString());
        }
    }
}
