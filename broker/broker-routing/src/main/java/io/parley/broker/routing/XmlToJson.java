package io.parley.broker.routing;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.broker.Message;
import java.io.IOException;

/**
 * XML -> JSON. The root element's children and attributes become the fields of a JSON object (the
 * root's own name is dropped); repeated elements become arrays; every value is a string, as XML has
 * no types; an empty element becomes {@code ""}. Immutable.
 */
record XmlToJson() implements Transformation {

    static final String NAME = "xml-to-json";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Message apply(Message message) {
        JsonNode tree;
        try {
            tree = XmlBodies.XML.readTree(message.body());
        } catch (JacksonException e) {
            throw new TransformationException("body is not valid XML: " + JsonBodies.describe(e), e);
        } catch (IOException e) {
            throw new TransformationException("body could not be read as XML: " + e.getMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new TransformationException("body is empty, not XML");
        }
        return JsonBodies.withJson(message, tree);
    }
}
