package io.parley.broker.routing;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.broker.Message;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reading and writing JSON message bodies for the transformations: one shared, thread-safe
 * {@link ObjectMapper}, and the error texts that say what was wrong with a body.
 */
final class JsonBodies {

    static final String APPLICATION_JSON = "application/json";
    static final ObjectMapper JSON = new ObjectMapper();

    private JsonBodies() {
    }

    /** Parses the body as JSON; a body that is not exactly one JSON value is a {@link TransformationException}. */
    static JsonNode parse(Message message) {
        try {
            JsonNode node = JSON.readTree(message.body());
            if (node == null || node.isMissingNode()) {
                throw new TransformationException("body is empty, not JSON");
            }
            return node;
        } catch (JacksonException e) {
            throw new TransformationException("body is not valid JSON: " + describe(e), e);
        } catch (IOException e) {
            throw new TransformationException("body could not be read as JSON: " + e.getMessage(), e);
        }
    }

    /** A copy of {@code message} with {@code node} as its JSON body. */
    static Message withJson(Message message, JsonNode node) {
        try {
            return message.toBuilder().body(JSON.writeValueAsBytes(node), APPLICATION_JSON).build();
        } catch (IOException e) {
            throw new TransformationException("JSON body could not be written: " + e.getMessage(), e);
        }
    }

    /**
     * Applies {@code action} to the body's object, or to each object of a body that is an array of
     * objects (as {@code csv-to-json} produces).
     */
    static void forEachObject(JsonNode root, Consumer<ObjectNode> action) {
        if (root.isObject()) {
            action.accept((ObjectNode) root);
        } else if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                JsonNode element = root.get(i);
                if (!element.isObject()) {
                    throw new TransformationException("element " + i + " of the body array is " + describe(element) + ", not an object");
                }
                action.accept((ObjectNode) element);
            }
        } else {
            throw new TransformationException("body is " + describe(root) + ", not a JSON object or array of objects");
        }
    }

    /** "a string", "an array", ... for error messages. */
    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case BINARY -> "binary";
            case MISSING -> "missing";
        };
    }

    /** A parser error without Jackson's source dump: the problem and where it is. */
    static String describe(JacksonException e) {
        JsonLocation location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return e.getOriginalMessage() + where;
    }
}
