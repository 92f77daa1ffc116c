package io.parley.naming.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;
import io.parley.naming.InvalidNameException;
import io.parley.naming.NameRecord;
import io.parley.naming.internal.NamingJson;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** JSON bodies of the naming resources: written with the naming mapper, records read strictly (unknown fields refused). */
final class Json {

    private static final ObjectReader RECORD = NamingJson.MAPPER.readerFor(NameRecord.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private Json() {
    }

    static String write(Object value) {
        try {
            return NamingJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ParleyException(ErrorCode.INTERNAL, "cannot write " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    static Response.ResponseBuilder json(int status, Object value) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(write(value));
    }

    static Response error(ErrorCode code, String message) {
        return json(code.httpStatus(), Map.of("error", code.wireName(), "message", message)).build();
    }

    /** Reads a record body; a bad body is an {@link InvalidNameException} naming the field and the rule. */
    static NameRecord record(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidNameException("the request has no body; send {\"type\", \"addresses\": [...], \"ttlMs\", \"attributes\": {}}");
        }
        try {
            return RECORD.readValue(body);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof InvalidNameException invalid) {
                throw invalid;
            }
            throw new InvalidNameException("record body is invalid: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            while (cause != null) {
                if (cause instanceof InvalidNameException invalid) {
                    throw invalid;
                }
                cause = cause.getCause();
            }
            throw new InvalidNameException("record body is no valid record JSON: " + e.getOriginalMessage());
        }
    }
}
