package io.parley.broker.gateway;

import io.parley.common.ErrorCode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON shape of every error answer: {@code {"error": "<code>", "message": "<the value and the rule>"}}. */
public record ErrorBody(String error, String message) {

    static Response response(int status, ErrorCode code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(code.wireName(), message)).build();
    }
}
