package io.parley.broker.gateway;

import io.parley.common.ErrorCode;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers an exception nobody anticipated with 500 {@code internal} in the JSON error shape and
 * logs it; the server keeps serving. Jersey picks the most specific mapper, so
 * {@link ParleyExceptionMapper} and {@link WebApplicationExceptionMapper} take precedence. Stateless.
 */
final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        LOG.error("unexpected failure while serving a request", e);
        return ErrorBody.response(500, ErrorCode.INTERNAL, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
}
