package io.parley.broker.routing;

import io.parley.broker.Destination;
import io.parley.broker.InvalidDestinationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A route: messages from {@code source} (a queue, or a topic or topic pattern) that match the
 * optional {@code selector} (SQL-92 over headers; {@code null} for none) pass through
 * {@code transformations} in order and go to {@code targets}. Headers are strings, so a selector
 * compares them as strings ({@code tier IN ('gold', 'silver')}); a numeric comparison such as
 * {@code amount > 100} matches no message. The engine checks the selector's syntax when the route starts.
 *
 * <pre>{@code
 * Route.from("queue:orders-csv").named("orders-import")
 *      .where("region = 'eu'")
 *      .transform(Transformations.csvToJson(), Transformations.dropField("internal"))
 *      .to("queue:orders-json", "topic:orders.imported");
 * }</pre>
 *
 * Immutable; every rule is checked on construction ({@link InvalidRouteException}).
 */
public record Route(String name, Destination source, String selector, List<Transformation> transformations, Targets targets) {

    /** The rule route names follow. */
    public static final String NAME_RULE = RouteValidation.NAME_RULE;

    public Route {
        RouteValidation.check(name, source, selector, transformations, targets);
        transformations = List.copyOf(transformations);
    }

    /** Starts a route from {@code source}: {@code queue:NAME}, {@code topic:NAME} or {@code topic:PATTERN}. */
    public static Builder from(String source) {
        try {
            return from(Destination.parse(source));
        } catch (InvalidDestinationException e) {
            throw new InvalidRouteException("route source '" + source + "' is invalid: " + e.getMessage(), e);
        }
    }

    /** Starts a route from {@code source}. */
    public static Builder from(Destination source) {
        return new Builder(Objects.requireNonNull(source, "source"));
    }

    /**
     * Builds a {@link Route}; {@link #to} and {@link #routeOn} finish it. Without {@link #named}, the
     * name is derived from the source and the first target. Not thread-safe.
     */
    public static final class Builder {
        private final Destination source;
        private final List<Transformation> transformations = new ArrayList<>();
        private String name;
        private String selector;

        private Builder(Destination source) {
            this.source = source;
        }

        /** The route's name: {@value RouteValidation#NAME_RULE}. */
        public Builder named(String name) {
            this.name = name;
            return this;
        }

        /** Only messages matching {@code selector} (SQL-92 over headers) take this route. */
        public Builder where(String selector) {
            this.selector = selector;
            return this;
        }

        /** Appends transformations, applied in the order given. */
        public Builder transform(Transformation... steps) {
            transformations.addAll(Arrays.asList(steps));
            return this;
        }

        /** Finishes the route with fixed targets ({@code queue:NAME} or {@code topic:NAME}). */
        public Route to(String... targets) {
            return to(Arrays.stream(targets).map(Destination::parse).toArray(Destination[]::new));
        }

        /** Finishes the route with fixed targets. */
        public Route to(Destination... targets) {
            String derived = targets.length == 0 || targets[0] == null ? "" : "-to-" + targets[0].name();
            return new Route(nameOr(derived), source, selector, transformations, Targets.of(targets));
        }

        /** Finishes the route with targets chosen by content. */
        public Route routeOn(ContentBasedRouting routing) {
            return new Route(nameOr("-routed"), source, selector, transformations, routing);
        }

        private String nameOr(String suffix) {
            if (name != null) {
                return name;
            }
            String derived = (source.name() + suffix).replaceAll("[^A-Za-z0-9._-]", "_");
            return derived.length() > 100 ? derived.substring(0, 100) : derived;
        }
    }
}
