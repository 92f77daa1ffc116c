package io.parley.broker.routing;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes of a config file: the {@code routes:} list of the node's {@code --config FILE} (YAML,
 * or JSON for a {@code .json} file). Other top-level keys belong to other parts of the node and
 * are left alone; inside {@code routes:} every unknown key is an error naming the key and the route.
 *
 * <pre>
 * routes:
 *   - name: orders-import                # required; 1 to 100 of [A-Za-z0-9._-]; unique
 *     source: queue:orders-csv           # required; queue:NAME, topic:NAME or topic:PATTERN (orders.*.eu, orders.#)
 *     selector: "region = 'eu'"          # optional; SQL-92 over headers
 *     transformations:                   # optional; applied in order
 *       - csv-to-json                    # a bare name: json-to-xml, xml-to-json, csv-to-json with defaults
 *       - { type: csv-to-json, separator: ";" }
 *       - { type: json-to-xml, rootElement: order, itemElement: line }   # defaults: message, item
 *       - { type: rename-field, from: cust.name, to: customer.name }     # dotted paths
 *       - { type: drop-field, field: internal }
 *       - { type: add-field, field: origin.system, value: legacy }       # value: any YAML/JSON value
 *     targets: [queue:orders-json, topic:orders.imported]                # one destination or a list
 *
 *   - name: orders-by-region
 *     source: topic:orders.#
 *     contentBasedRouting:               # instead of targets
 *       field: customer.region           # a JSON body field (dotted), or: header: region
 *       when:
 *         - { equals: eu, targets: [queue:orders-eu] }
 *         - { equals: us, targets: queue:orders-us }
 *       otherwise: queue:orders-other    # optional; without it an unmatched message is dead-lettered
 * </pre>
 *
 * Immutable.
 */
public record RoutesConfig(List<Route> routes) {

    /** The top-level key this config reads. */
    public static final String ROUTES_KEY = "routes";

    private static final ObjectMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    public RoutesConfig {
        routes = List.copyOf(routes);
    }

    /** No routes. */
    public static RoutesConfig empty() {
        return new RoutesConfig(List.of());
    }

    /** Reads the {@code routes:} of {@code file}: JSON if its name ends in {@code .json}, YAML otherwise. */
    public static RoutesConfig load(Path file) {
        ObjectMapper mapper = file.getFileName().toString().endsWith(".json") ? JSON : YAML;
        JsonNode root;
        try {
            root = mapper.readTree(Files.readAllBytes(file));
        } catch (JacksonException e) {
            throw new InvalidRouteException("config file '" + file + "' cannot be parsed: " + JsonBodies.describe(e), e);
        } catch (IOException e) {
            throw new InvalidRouteException("config file '" + file + "' cannot be read: " + e, e);
        }
        try {
            return fromTree(root);
        } catch (InvalidRouteException e) {
            throw new InvalidRouteException("config file '" + file + "': " + e.getMessage(), e);
        }
    }

    /** Parses YAML text (JSON is YAML too) holding a {@code routes:} list. */
    public static RoutesConfig parseYaml(String text) {
        return parse(YAML, text, "YAML");
    }

    /** Parses JSON text holding a {@code "routes"} list. */
    public static RoutesConfig parseJson(String text) {
        return parse(JSON, text, "JSON");
    }

    /** Reads the {@code routes} key of a parsed config document; other keys are ignored. */
    public static RoutesConfig fromTree(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            return empty();
        }
        if (!root.isObject()) {
            throw new InvalidRouteException("config value '" + root + "' is invalid: the config is a map whose key '" + ROUTES_KEY + "' lists the routes");
        }
        return fromRoutes(root.get(ROUTES_KEY));
    }

    /** Reads a {@code routes} list itself (the node hands over the subtree of its own config). */
    public static RoutesConfig fromRoutes(JsonNode list) {
        if (list == null || list.isNull()) {
            return empty();
        }
        if (!list.isArray()) {
            throw new InvalidRouteException("config key '" + ROUTES_KEY + "' value '" + list + "' is invalid: a list of routes is required");
        }
        List<Route> routes = new ArrayList<>();
        Map<String, Integer> indexByName = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            Route route = RouteConfigReader.read(list.get(i), i);
            Integer earlier = indexByName.putIfAbsent(route.name(), i);
            if (earlier != null) {
                throw new InvalidRouteException("route '" + route.name() + "' is defined twice, at routes[" + earlier + "] and routes["
                        + i + "]: route names must be unique");
            }
            routes.add(route);
        }
        return new RoutesConfig(routes);
    }

    private static RoutesConfig parse(ObjectMapper mapper, String text, String format) {
        try {
            return fromTree(mapper.readTree(text));
        } catch (JacksonException e) {
            throw new InvalidRouteException("config is not valid " + format + ": " + JsonBodies.describe(e), e);
        }
    }
}
