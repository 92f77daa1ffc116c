package io.parley.broker.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.broker.Message;
import java.io.IOException;

/**
 * JSON -> XML. The body's object becomes the children of {@code <rootElement>}; arrays become
 * repeated elements; a body that is an array becomes repeated {@code <itemElement>} children of the
 * root. A field name that is not an XML name ({@code first name}) fails the message rather than
 * producing malformed XML. Immutable.
 */
record JsonToXml(String rootElement, String itemElement) implements Transformation {

    static final String NAME = "json-to-xml";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Message apply(Message message) {
        JsonNode body = JsonBodies.parse(message);
        JsonNode content = body;
        if (body.isArray()) {
            ObjectNode wrapper = JsonBodies.JSON.createObjectNode();
            wrapper.set(itemElement, body);
            content = wrapper;
        } else if (!body.isObject()) {
            throw new TransformationException("body is " + JsonBodies.describe(body) + ", not a JSON object or array");
        }
        checkNames(content, "");
        try {
            byte[] xml = XmlBodies.XML.writer().withRootName(rootElement).writeValueAsBytes(content);
            return message.toBuilder().body(xml, XmlBodies.APPLICATION_XML).build();
        } catch (IOException e) {
            throw new TransformationException("JSON body cannot be written as XML: " + e.getMessage(), e);
        }
    }

    /** Rejects field names that are not XML element names, rather than writing malformed XML. */
    private static void checkNames(JsonNode node, String path) {
        if (node.isArray()) {
            node.forEach(element -> checkNames(element, path));
        } else if (node.isObject()) {
            node.properties().forEach(field -> {
                String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (!XmlBodies.ELEMENT_NAME.matcher(field.getKey()).matches()) {
                    throw new TransformationException("field '" + fieldPath + "' cannot be an XML element: names follow "
                            + XmlBodies.ELEMENT_NAME_RULE + " (rename it first with rename-field)");
                }
                checkNames(field.getValue(), fieldPath);
            });
        }
    }
}
