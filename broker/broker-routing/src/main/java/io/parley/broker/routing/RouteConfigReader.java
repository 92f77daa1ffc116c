package io.parley.broker.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.broker.Destination;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Turns one entry of a config file's {@code routes:} list (a Jackson tree) into a {@link Route}.
 * Rejects unknown keys and values of the wrong shape, naming the route and the key; the route's own
 * rules are then checked by {@link RouteValidation}. Stateless; the format is described on
 * {@link RoutesConfig}.
 */
final class RouteConfigReader {

    private static final List<String> ROUTE_KEYS = List.of("name", "source", "selector", "transformations", "targets", "contentBasedRouting");
    private static final List<String> ROUTING_KEYS = List.of("header", "field", "when", "otherwise");
    private static final List<String> CASE_KEYS = List.of("equals", "targets");

    private final String route;
    private final JsonNode node;

    private RouteConfigReader(String route, JsonNode node) {
        this.route = route;
        this.node = node;
    }

    /** Reads {@code node}, entry {@code index} of the routes list. */
    static Route read(JsonNode node, int index) {
        String label = "routes[" + index + "]";
        if (!node.isObject()) {
            throw new InvalidRouteException("route '" + label + "': value '" + node + "' is invalid: a route is a map with keys " + ROUTE_KEYS);
        }
        JsonNode name = node.get("name");
        if (name == null || !name.isTextual()) {
            throw RouteValidation.invalid(label, "name", name, "every route in a config file needs a name of " + RouteValidation.NAME_RULE);
        }
        return new RouteConfigReader(name.asText(), node).read();
    }

    private Route read() {
        checkKeys(node, "", ROUTE_KEYS, "a route");
        Destination source = RouteValidation.destination(route, "source", requiredText(node, "source"));
        JsonNode selector = node.get("selector");
        if (selector != null && !selector.isTextual()) {
            throw RouteValidation.invalid(route, "selector", selector, "a selector is a string (SQL-92 over headers)");
        }
        boolean fixed = node.has("targets");
        boolean routed = node.has("contentBasedRouting");
        if (fixed == routed) {
            throw new InvalidRouteException("route '" + route + "': exactly one of the keys 'targets' and 'contentBasedRouting' is required, "
                    + (fixed ? "both are" : "neither is") + " given");
        }
        Targets targets = fixed ? Targets.of(destinations(node.get("targets"), "targets").toArray(Destination[]::new))
                : contentBasedRouting(node.get("contentBasedRouting"));
        return new Route(route, source, selector == null ? null : selector.asText(), transformations(), targets);
    }

    private List<Transformation> transformations() {
        JsonNode list = node.get("transformations");
        if (list == null) {
            return List.of();
        }
        if (!list.isArray()) {
            throw RouteValidation.invalid(route, "transformations", list, "a list of transformations");
        }
        List<Transformation> steps = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String key = "transformations[" + i + "]";
            try {
                steps.add(TransformationConfig.read(list.get(i), key, this));
            } catch (InvalidRouteException e) {
                if (e.getMessage().startsWith("route '")) {
                    throw e;
                }
                throw new InvalidRouteException("route '" + route + "': " + key + ": " + e.getMessage(), e);
            }
        }
        return steps;
    }

    private ContentBasedRouting contentBasedRouting(JsonNode cbr) {
        String prefix = "contentBasedRouting";
        if (!cbr.isObject()) {
            throw RouteValidation.invalid(route, prefix, cbr, "a map with keys " + ROUTING_KEYS);
        }
        checkKeys(cbr, prefix + ".", ROUTING_KEYS, "contentBasedRouting");
        if (cbr.has("header") == cbr.has("field")) {
            throw new InvalidRouteException("route '" + route + "': exactly one of the keys '" + prefix + ".header' and '"
                    + prefix + ".field' is required, " + (cbr.has("header") ? "both are" : "neither is") + " given");
        }
        ContentBasedRouting routing = cbr.has("header")
                ? ContentBasedRouting.onHeader(requiredText(cbr, "header", prefix + ".header"))
                : ContentBasedRouting.onField(requiredText(cbr, "field", prefix + ".field"));
        JsonNode cases = cbr.get("when");
        if (cases == null || !cases.isArray()) {
            throw RouteValidation.invalid(route, prefix + ".when", cases, "a list of cases {equals: VALUE, targets: [...]}");
        }
        for (int i = 0; i < cases.size(); i++) {
            String key = prefix + ".when[" + i + "]";
            JsonNode c = cases.get(i);
            if (!c.isObject()) {
                throw RouteValidation.invalid(route, key, c, "a case is a map {equals: VALUE, targets: [...]}");
            }
            checkKeys(c, key + ".", CASE_KEYS, "a case");
            JsonNode value = c.get("equals");
            if (value == null || !value.isValueNode() || value.isNull()) {
                throw RouteValidation.invalid(route, key + ".equals", value, "a string, number or boolean to compare with is required");
            }
            routing = routing.when(value.asText(), destinations(c.get("targets"), key + ".targets").toArray(Destination[]::new));
        }
        if (cbr.has("otherwise")) {
            routing = routing.otherwise(destinations(cbr.get("otherwise"), prefix + ".otherwise").toArray(Destination[]::new));
        }
        return routing;
    }

    private List<Destination> destinations(JsonNode value, String key) {
        if (value != null && value.isTextual()) {
            return List.of(RouteValidation.destination(route, key, value.asText()));
        }
        if (value == null || !value.isArray()) {
            throw RouteValidation.invalid(route, key, value, "a destination (queue:NAME or topic:NAME) or a list of them");
        }
        List<Destination> destinations = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw RouteValidation.invalid(route, key + "[" + i + "]", item, "a destination is a string queue:NAME or topic:NAME");
            }
            destinations.add(RouteValidation.destination(route, key + "[" + i + "]", item.asText()));
        }
        return destinations;
    }

    /** The string at {@code key} of {@code map}, required. */
    String requiredText(JsonNode map, String key) {
        return requiredText(map, key, key);
    }

    String requiredText(JsonNode map, String key, String fullKey) {
        JsonNode value = map.get(key);
        if (value == null || !value.isTextual()) {
            throw RouteValidation.invalid(route, fullKey, value, "a string is required");
        }
        return value.asText();
    }

    /** Rejects any key of {@code map} outside {@code allowed}, naming it and what is allowed. */
    void checkKeys(JsonNode map, String prefix, List<String> allowed, String what) {
        Set<String> known = Set.copyOf(allowed);
        for (Iterator<String> it = map.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new InvalidRouteException("route '" + route + "': unknown key '" + prefix + key + "'; the keys of "
                        + what + " are " + String.join(", ", allowed));
            }
        }
    }

    String route() {
        return route;
    }
}
