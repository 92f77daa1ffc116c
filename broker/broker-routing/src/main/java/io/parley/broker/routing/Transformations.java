package io.parley.broker.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Objects;

/**
 * The built-in {@link Transformation}s. Each factory validates its parameters and throws
 * {@link InvalidRouteException} naming the transformation, the key, the value and the rule.
 *
 * <pre>
 *   name          parameters                  body in          body out
 *   json-to-xml   rootElement, itemElement    JSON             application/xml
 *   xml-to-json   -                           XML              application/json
 *   csv-to-json   separator                   CSV with header  application/json (array of objects)
 *   rename-field  from, to (dotted paths)     JSON             application/json
 *   drop-field    field (dotted path)         JSON             application/json
 *   add-field     field, value (any JSON)     JSON             application/json
 * </pre>
 *
 * Field operations apply to a body object, or to each object of a body array.
 */
public final class Transformations {

    /** Root element name of {@link #jsonToXml()}. */
    public static final String DEFAULT_ROOT_ELEMENT = "message";
    /** Element name of the items of a JSON array body in {@link #jsonToXml()}. */
    public static final String DEFAULT_ITEM_ELEMENT = "item";
    /** Column separator of {@link #csvToJson()}. */
    public static final char DEFAULT_SEPARATOR = ',';

    private Transformations() {
    }

    /** JSON -> XML under {@code <message>}; array items as {@code <item>}. */
    public static Transformation jsonToXml() {
        return jsonToXml(DEFAULT_ROOT_ELEMENT, DEFAULT_ITEM_ELEMENT);
    }

    /** JSON -> XML under {@code <rootElement>}; the items of an array body as {@code <itemElement>}. */
    public static Transformation jsonToXml(String rootElement, String itemElement) {
        return new JsonToXml(elementName(JsonToXml.NAME, "rootElement", rootElement),
                elementName(JsonToXml.NAME, "itemElement", itemElement));
    }

    /** XML -> JSON: the root element's content becomes an object. */
    public static Transformation xmlToJson() {
        return new XmlToJson();
    }

    /** CSV with a header row -> a JSON array of objects, comma-separated. */
    public static Transformation csvToJson() {
        return csvToJson(DEFAULT_SEPARATOR);
    }

    /** CSV with a header row -> a JSON array of objects, columns separated by {@code separator}. */
    public static Transformation csvToJson(char separator) {
        if (separator == '"' || separator == '\n' || separator == '\r') {
            throw new InvalidRouteException(CsvToJson.NAME + " key 'separator' value '" + separator
                    + "' is invalid: any single character but a quote or a line break");
        }
        return new CsvToJson(separator);
    }

    /** Renames (moves) field {@code from} to {@code to}; both dotted paths. */
    public static Transformation renameField(String from, String to) {
        return new RenameField(path(RenameField.NAME, "from", from), path(RenameField.NAME, "to", to));
    }

    /** Removes field {@code field} (a dotted path). */
    public static Transformation dropField(String field) {
        return new DropField(path(DropField.NAME, "field", field));
    }

    /** Sets field {@code field} (a dotted path) to the string {@code value}. */
    public static Transformation addField(String field, String value) {
        return addField(field, TextNode.valueOf(Objects.requireNonNull(value, "value")));
    }

    /** Sets field {@code field} (a dotted path) to the JSON value {@code value}. */
    public static Transformation addField(String field, JsonNode value) {
        if (value == null || value.isMissingNode()) {
            throw new InvalidRouteException(AddField.NAME + " key 'value' value '" + value + "' is invalid: a JSON value is required");
        }
        return new AddField(path(AddField.NAME, "field", field), value);
    }

    private static FieldPath path(String transformation, String key, String text) {
        try {
            return FieldPath.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRouteException(transformation + " key '" + key + "' value '" + text
                    + "' is invalid: allowed are " + FieldPath.RULE, e);
        }
    }

    private static String elementName(String transformation, String key, String name) {
        if (name == null || !XmlBodies.ELEMENT_NAME.matcher(name).matches()) {
            throw new InvalidRouteException(transformation + " key '" + key + "' value '" + name
                    + "' is invalid: allowed are " + XmlBodies.ELEMENT_NAME_RULE);
        }
        return name;
    }
}
