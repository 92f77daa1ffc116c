package io.parley.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;
import io.parley.node.naming.NamingFileKeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node's YAML config file ({@code --config FILE}):
 * <pre>
 * node:                         # every key optional; a CLI flag overrides the same key here
 *   host: localhost
 *   messaging-port: 61616
 *   http-port: 8080
 *   data: ./data                # relative to the working directory
 *   services: broker            # or a list: [broker]
 *   max-message-bytes: 10485760
 *   max-outstanding-receipts: 1000
 *   max-disk-usage-percent: 90  # disk usage above which the engine stops taking writes
 *   max-memory-bytes: -1        # memory queues may hold before writes are refused; -1 = engine default
 *   zones: [/nl]                # naming: see NamingFileKeys (zones, roots, secondary-of, naming-jdbc-*)
 * routes:                       # read by the broker's routing module
 *   - name: ...
 * </pre>
 * Unknown keys and values of the wrong type are refused, naming the file, the key and the value.
 * Immutable once read.
 */
final class ConfigFile {

    static final List<String> TOP_KEYS = List.of("node", "routes");
    static final List<String> NODE_KEYS = List.of("host", "messaging-port", "http-port", "data", "services",
            "max-message-bytes", "max-outstanding-receipts", "max-disk-usage-percent",
            "max-memory-bytes", "zones", "roots", "secondary-of", "naming-jdbc-url", "naming-jdbc-user", "naming-jdbc-password");

    private final Path path;
    private final JsonNode root;

    private ConfigFile(Path path, JsonNode root) {
        this.path = path;
        this.root = root;
    }

    static ConfigFile read(Path path) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(path));
        } catch (NoSuchFileException e) {
            throw new ParleyException(ErrorCode.INVALID_ARGUMENT, "config file " + path + " does not exist");
        } catch (JsonProcessingException e) {
            throw new ParleyException(ErrorCode.INVALID_ARGUMENT, "config file " + path + " is not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ParleyException(ErrorCode.INVALID_ARGUMENT, "config file " + path + " cannot be read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new ConfigFile(path, MissingNode.getInstance());
        }
        ConfigFile file = new ConfigFile(path, root);
        file.checkKeys(root, "", TOP_KEYS);
        JsonNode node = root.path("node");
        if (!node.isMissingNode()) {
            file.checkKeys(node, "node.", NODE_KEYS);
        }
        return file;
    }

    /** The {@code routes:} list, or a missing node. */
    JsonNode routes() {
        return root.path("routes");
    }

    Path path() {
        return path;
    }

    /** Sets on {@code builder} every {@code node:} key the file gives. */
    void applyTo(NodeConfig.Builder builder) {
        JsonNode node = root.path("node");
        try {
            text(node, "host").ifPresent(builder::host);
            integer(node, "messaging-port").ifPresent(builder::messagingPort);
            integer(node, "http-port").ifPresent(builder::httpPort);
            text(node, "data").ifPresent(data -> builder.dataDirectory(Path.of(data)));
            services(node).ifPresent(builder::services);
            integer(node, "max-message-bytes").ifPresent(builder::maxMessageBytes);
            integer(node, "max-outstanding-receipts").ifPresent(builder::maxOutstandingReceipts);
            integer(node, "max-disk-usage-percent").ifPresent(builder::maxDiskUsagePercent);
            longInteger(node, "max-memory-bytes").ifPresent(builder::maxMemoryBytes);
            NamingFileKeys.read(node, builder.namingOptions()).ifPresent(builder::naming);
        } catch (ParleyException e) {
            throw new ParleyException(e.code(), "config file " + path + ": node." + e.getMessage(), e);
        }
    }

    private void checkKeys(JsonNode map, String prefix, List<String> allowed) {
        if (!map.isObject()) {
            throw new ParleyException(ErrorCode.INVALID_ARGUMENT, "config file " + path + ": "
                    + (prefix.isEmpty() ? "the top level" : prefix.substring(0, prefix.length() - 1)) + " must be a map with keys " + allowed);
        }
        for (Map.Entry<String, JsonNode> field : map.properties()) {
            String key = field.getKey();
            if (!allowed.contains(key)) {
                throw new ParleyException(ErrorCode.INVALID_ARGUMENT, "config file " + path + ": unknown key '" + prefix + key
                        + "': allowed are " + allowed);
            }
        }
    }

    private static Optional<String> text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isValueNode() || value.isNull()) {
            throw NodeConfig.invalid(key, value, "a single value is expected");
        }
        return Optional.of(value.asText());
    }

    private static Optional<Integer> integer(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw NodeConfig.invalid(key, value.isTextual() ? value.asText() : value, "an integer is expected");
        }
        return Optional.of(value.intValue());
    }

    private static Optional<Long> longInteger(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw NodeConfig.invalid(key, value.isTextual() ? value.asText() : value, "an integer is expected");
        }
        return Optional.of(value.longValue());
    }

    private static Optional<String> services(JsonNode node) {
        JsonNode value = node.get("services");
        if (value == null) {
            return Optional.empty();
        }
        if (value.isArray()) {
            StringBuilder list = new StringBuilder();
            value.forEach(item -> list.append(list.length() == 0 ? "" : ",").append(item.asText()));
            return Optional.of(list.toString());
        }
        return text(node, "services");
    }
}
