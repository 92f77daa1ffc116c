package io.parley.node.naming;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The naming keys of the node's config file, in its {@code node:} section (the flags' names):
 * <pre>
 * node:
 *   services: [naming]
 *   zones: [/nl, /nl/vu]          # or one value
 *   roots: [http://root:8080]
 *   secondary-of: [http://primary:8080]
 *   naming-jdbc-url: jdbc:postgresql://db:5432/naming
 *   naming-jdbc-user: parley
 *   naming-jdbc-password: secret
 * </pre>
 * Stateless. Values are validated with the flags' rules when the options are made.
 */
public final class NamingFileKeys {

    public static final List<String> KEYS = List.of("zones", "roots", "secondary-of", "naming-jdbc-url", "naming-jdbc-user",
            "naming-jdbc-password");

    private NamingFileKeys() {
    }

    /** The naming options the {@code node:} section gives over {@code base}; empty if it gives none. */
    public static Optional<NamingOptions> read(JsonNode node, NamingOptions base) {
        if (KEYS.stream().noneMatch(node::has)) {
            return Optional.empty();
        }
        return Optional.of(new NamingOptions(
                list(node, "zones").orElse(base.zones()),
                list(node, "roots").orElse(base.roots()),
                list(node, "secondary-of").orElse(base.secondaryOf()),
                text(node, "naming-jdbc-url").orElse(base.jdbcUrl()),
                text(node, "naming-jdbc-user").orElse(base.jdbcUser()),
                text(node, "naming-jdbc-password").orElse(base.jdbcPassword())));
    }

    private static Optional<List<String>> list(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return Optional.empty();
        }
        List<String> items = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isValueNode() || item.isNull()) {
                    throw new ParleyException(ErrorCode.INVALID_ARGUMENT, key + " '" + value + "' is invalid: a list of single values is expected");
                }
                items.add(item.asText());
            }
        } else if (value.isValueNode() && !value.isNull()) {
            items.add(value.asText());
        } else {
            throw new ParleyException(ErrorCode.INVALID_ARGUMENT, key + " '" + value + "' is invalid: a value or a list of values is expected");
        }
        return Optional.of(items);
    }

    private static Optional<String> text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isValueNode() || value.isNull()) {
            throw new ParleyException(ErrorCode.INVALID_ARGUMENT, key + " '" + value + "' is invalid: a single value is expected");
        }
        return Optional.of(value.asText());
    }
}
