package io.parley.broker.gateway;

import io.parley.common.ParleyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers every {@link ParleyException} with its code's status and the JSON error shape. Stateless. */
final class ParleyExceptionMapper implements ExceptionMapper<ParleyException> {

    private static final Logger LOG = LoggerFactory.getLogger(ParleyExceptionMapper.class);

    @Override
    public Response toResponse(ParleyException e) {
        int status = e.code().httpStatus();
        if (status >= 500) {
            LOG.warn("request failed: {} {}", e.code().wireName(), e.getMessage(), e);
        }
        return ErrorBody.response(status, e.code(), e.getMessage());
    }
}
