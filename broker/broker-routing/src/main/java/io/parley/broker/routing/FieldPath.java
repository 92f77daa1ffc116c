package io.parley.broker.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A dotted path to a field of a JSON object: {@code region}, {@code customer.address.city}. Each
 * segment is a field name; a path never indexes into arrays. Immutable.
 */
record FieldPath(List<String> segments) {

    /** The rule a path follows, as error messages quote it. */
    static final String RULE = "field names of [A-Za-z0-9_$@-] (1 to 128 characters) separated by '.'";

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_$@-]{1,128}");

    FieldPath {
        segments = List.copyOf(segments);
    }

    /** Parses {@code a.b.c}; throws {@link IllegalArgumentException} naming the rule. */
    static FieldPath parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("field path '" + text + "' is invalid: allowed are " + RULE);
        }
        List<String> segments = List.of(text.split("\\.", -1));
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("field path '" + text + "' is invalid: allowed are " + RULE);
            }
        }
        return new FieldPath(segments);
    }

    String leaf() {
        return segments.get(segments.size() - 1);
    }

    /** The value at this path in {@code root}, if every step exists and is an object. */
    Optional<JsonNode> find(JsonNode root) {
        JsonNode node = root;
        for (String segment : segments) {
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            node = node.get(segment);
        }
        return Optional.ofNullable(node);
    }

    /**
     * The object that holds (or would hold) this path's leaf. With {@code create}, missing
     * intermediate objects are added; without it, a missing step yields empty.
     *
     * @throws TransformationException if a step exists but is not an object
     */
    Optional<ObjectNode> parent(ObjectNode root, boolean create) {
        ObjectNode node = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            String segment = segments.get(i);
            JsonNode child = node.get(segment);
            if (child == null) {
                if (!create) {
                    return Optional.empty();
                }
                child = node.putObject(segment);
            } else if (!child.isObject()) {
                throw new TransformationException("field '" + String.join(".", segments.subList(0, i + 1))
                        + "' is " + JsonBodies.describe(child) + ", not an object, so '" + this + "' cannot be reached");
            }
            node = (ObjectNode) child;
        }
        return Optional.of(node);
    }

    @Override
    public String toString() {
        return String.join(".", segments);
    }
}
