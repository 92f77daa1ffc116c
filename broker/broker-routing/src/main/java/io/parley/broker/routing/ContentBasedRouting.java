package io.parley.broker.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Chooses a route's targets by a header value or a JSON body field value:
 *
 * <pre>{@code
 * ContentBasedRouting.onField("customer.region")
 *         .when("eu", "queue:orders-eu")
 *         .when("us", "queue:orders-us")
 *         .otherwise("queue:orders-other")
 * }</pre>
 *
 * The first case whose value equals the key's value wins; without a match the message goes to
 * {@code otherwise}, and with no {@code otherwise} it is unroutable (dead-lettered). A body field's
 * value is compared as text ({@code 42}, {@code true}); a JSON {@code null} counts as missing.
 * Immutable: {@link #when} and {@link #otherwise} return new instances.
 */
public record ContentBasedRouting(RoutingKey key, List<Case> cases, List<Destination> otherwise) implements Targets {

    public ContentBasedRouting {
        cases = List.copyOf(cases);
        otherwise = Collections.unmodifiableList(new ArrayList<>(otherwise));
    }

    /** Routes on the value of header {@code header}. */
    public static ContentBasedRouting onHeader(String header) {
        return new ContentBasedRouting(new Header(header), List.of(), List.of());
    }

    /** Routes on the value of JSON body field {@code path} (dotted for nested fields). */
    public static ContentBasedRouting onField(String path) {
        return new ContentBasedRouting(new Field(path), List.of(), List.of());
    }

    /** Adds a case: messages whose key equals {@code value} go to {@code targets} ({@code queue:NAME} or {@code topic:NAME}). */
    public ContentBasedRouting when(String value, String... targets) {
        return when(value, Arrays.stream(targets).map(Destination::parse).toArray(Destination[]::new));
    }

    /** Adds a case: messages whose key equals {@code value} go to {@code targets}. */
    public ContentBasedRouting when(String value, Destination... targets) {
        List<Case> more = new ArrayList<>(cases);
        more.add(new Case(value, Arrays.asList(targets)));
        return new ContentBasedRouting(key, more, otherwise);
    }

    /** Where messages go that match no case (or lack the key). */
    public ContentBasedRouting otherwise(String... targets) {
        return otherwise(Arrays.stream(targets).map(Destination::parse).toArray(Destination[]::new));
    }

    /** Where messages go that match no case (or lack the key). */
    public ContentBasedRouting otherwise(Destination... targets) {
        return new ContentBasedRouting(key, cases, Arrays.asList(targets));
    }

    @Override
    public List<Destination> select(Message message) {
        Optional<String> value = key.valueIn(message);
        if (value.isPresent()) {
            for (Case c : cases) {
                if (c.value().equals(value.get())) {
                    return c.targets();
                }
            }
        }
        if (!otherwise.isEmpty()) {
            return otherwise;
        }
        throw new UnroutableMessageException(value
                .map(v -> key + " value '" + v + "' matches no case and no otherwise target is set")
                .orElseGet(() -> key + " is missing and no otherwise target is set"));
    }

    @Override
    public List<Destination> all() {
        LinkedHashSet<Destination> all = new LinkedHashSet<>();
        cases.forEach(c -> all.addAll(c.targets()));
        all.addAll(otherwise);
        return List.copyOf(all);
    }

    /** Messages whose key equals {@code value} go to {@code targets}. */
    public record Case(String value, List<Destination> targets) {
        public Case {
            targets = Collections.unmodifiableList(new ArrayList<>(targets));
        }
    }

    /** What a message is routed on. */
    public sealed interface RoutingKey permits Header, Field {
        /** The key's value in {@code message}, if present. */
        Optional<String> valueIn(Message message);
    }

    /** An application or broker header. */
    public record Header(String name) implements RoutingKey {
        @Override
        public Optional<String> valueIn(Message message) {
            return message.header(name);
        }

        @Override
        public String toString() {
            return "header '" + name + "'";
        }
    }

    /**
     * A field of the JSON body, by dotted path.
     *
     * @throws TransformationException from {@link #valueIn} if the body is not JSON
     */
    public record Field(String path) implements RoutingKey {
        @Override
        public Optional<String> valueIn(Message message) {
            JsonNode body = JsonBodies.parse(message);
            return FieldPath.parse(path).find(body)
                    .filter(node -> !node.isNull())
                    .map(node -> node.isValueNode() ? node.asText() : node.toString());
        }

        @Override
        public String toString() {
            return "body field '" + path + "'";
        }
    }
}
