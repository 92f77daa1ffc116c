package io.parley.broker.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.broker.Message;

/**
 * Renames (moves) a field of a JSON body: {@code from} may be nested, {@code to} may be elsewhere
 * (missing objects on its way are created). A body without the {@code from} field passes unchanged.
 * Applies to the body object, or to each object of a body array. Immutable.
 */
record RenameField(FieldPath from, FieldPath to) implements Transformation {

    static final String NAME = "rename-field";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Message apply(Message message) {
        JsonNode body = JsonBodies.parse(message);
        JsonBodies.forEachObject(body, this::rename);
        return JsonBodies.withJson(message, body);
    }

    private void rename(ObjectNode object) {
        from.parent(object, false).ifPresent(source -> {
            JsonNode value = source.remove(from.leaf());
            if (value != null) {
                to.parent(object, true).orElseThrow().set(to.leaf(), value);
            }
        });
    }
}
