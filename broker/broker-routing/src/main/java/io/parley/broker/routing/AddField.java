package io.parley.broker.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.broker.Message;

/**
 * Sets a field of a JSON body to a constant (any JSON value), creating missing objects on a dotted
 * path and replacing a value already there. Applies to the body object, or to each object of a body
 * array. Immutable.
 */
record AddField(FieldPath field, JsonNode value) implements Transformation {

    static final String NAME = "add-field";

    AddField {
        value = value.deepCopy();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Message apply(Message message) {
        JsonNode body = JsonBodies.parse(message);
        JsonBodies.forEachObject(body, object -> field.parent(object, true).orElseThrow().set(field.leaf(), value.deepCopy()));
        return JsonBodies.withJson(message, body);
    }
}
