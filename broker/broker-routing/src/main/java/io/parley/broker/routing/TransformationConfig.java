package io.parley.broker.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Reads one entry of a route's {@code transformations:} list: a bare name ({@code csv-to-json}) or
 * a map with {@code type} and that type's parameters. Stateless.
 */
final class TransformationConfig {

    private static final Map<String, List<String>> KEYS = Map.of(
            JsonToXml.NAME, List.of("type", "rootElement", "itemElement"),
            XmlToJson.NAME, List.of("type"),
            CsvToJson.NAME, List.of("type", "separator"),
            RenameField.NAME, List.of("type", "from", "to"),
            DropField.NAME, List.of("type", "field"),
            AddField.NAME, List.of("type", "field", "value"));

    /** The type names, in the order documentation lists them. */
    static final List<String> TYPES = List.of(JsonToXml.NAME, XmlToJson.NAME, CsvToJson.NAME, RenameField.NAME, DropField.NAME, AddField.NAME);

    private TransformationConfig() {
    }

    static Transformation read(JsonNode step, String key, RouteConfigReader reader) {
        if (step.isTextual()) {
            return withDefaults(step.asText(), key, reader);
        }
        if (!step.isObject()) {
            throw RouteValidation.invalid(reader.route(), key, step, "a transformation is a name or a map with 'type'; types are " + String.join(", ", TYPES));
        }
        String type = reader.requiredText(step, "type", key + ".type");
        List<String> keys = KEYS.get(type);
        if (keys == null) {
            throw RouteValidation.invalid(reader.route(), key + ".type", type, "allowed are " + String.join(", ", TYPES));
        }
        reader.checkKeys(step, key + ".", keys, type);
        return switch (type) {
            case JsonToXml.NAME -> Transformations.jsonToXml(
                    optionalText(step, "rootElement", Transformations.DEFAULT_ROOT_ELEMENT, key, reader),
                    optionalText(step, "itemElement", Transformations.DEFAULT_ITEM_ELEMENT, key, reader));
            case CsvToJson.NAME -> Transformations.csvToJson(separator(step, key, reader));
            case RenameField.NAME -> Transformations.renameField(reader.requiredText(step, "from", key + ".from"),
                    reader.requiredText(step, "to", key + ".to"));
            case DropField.NAME -> Transformations.dropField(reader.requiredText(step, "field", key + ".field"));
            case AddField.NAME -> addField(step, key, reader);
            default -> Transformations.xmlToJson();
        };
    }

    private static Transformation withDefaults(String type, String key, RouteConfigReader reader) {
        return switch (type) {
            case JsonToXml.NAME -> Transformations.jsonToXml();
            case XmlToJson.NAME -> Transformations.xmlToJson();
            case CsvToJson.NAME -> Transformations.csvToJson();
            default -> throw RouteValidation.invalid(reader.route(), key, type, KEYS.containsKey(type)
                    ? type + " has parameters: write it as a map with 'type' and " + String.join(", ", KEYS.get(type).subList(1, KEYS.get(type).size()))
                    : "allowed are " + String.join(", ", TYPES));
        };
    }

    private static Transformation addField(JsonNode step, String key, RouteConfigReader reader) {
        if (!step.has("value")) {
            throw RouteValidation.invalid(reader.route(), key + ".value", null, "a value (any JSON or YAML value) is required");
        }
        return Transformations.addField(reader.requiredText(step, "field", key + ".field"), step.get("value"));
    }

    private static char separator(JsonNode step, String key, RouteConfigReader reader) {
        String separator = optionalText(step, "separator", String.valueOf(Transformations.DEFAULT_SEPARATOR), key, reader);
        if (separator.length() != 1) {
            throw RouteValidation.invalid(reader.route(), key + ".separator", separator, "a single character");
        }
        return separator.charAt(0);
    }

    private static String optionalText(JsonNode step, String name, String fallback, String key, RouteConfigReader reader) {
        return step.has(name) ? reader.requiredText(step, name, key + "." + name) : fallback;
    }
}
