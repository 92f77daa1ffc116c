package io.parley.broker.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.broker.Message;

/**
 * Removes a field of a JSON body (nested by a dotted path); a body without it passes unchanged.
 * Applies to the body object, or to each object of a body array. Immutable.
 */
record DropField(FieldPath field) implements Transformation {

    static final String NAME = "drop-field";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Message apply(Message message) {
        JsonNode body = JsonBodies.parse(message);
        JsonBodies.forEachObject(body, object -> field.parent(object, false).ifPresent(parent -> parent.remove(field.leaf())));
        return JsonBodies.withJson(message, body);
    }
}
