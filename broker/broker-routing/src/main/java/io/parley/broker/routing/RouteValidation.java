package io.parley.broker.routing;

import io.parley.broker.Destination;
import io.parley.broker.InvalidDestinationException;
import io.parley.broker.Message;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every rule a {@link Route} follows, checked in one place whatever the route came from (code or a
 * config file). Each failure is an {@link InvalidRouteException} whose message names the route, the
 * key, the value and the rule.
 */
final class RouteValidation {

    static final String NAME_RULE = "1 to 100 characters of [A-Za-z0-9._-]";
    static final int MAX_SELECTOR_LENGTH = 4096;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern HEADER_NAME = Pattern.compile(Message.HEADER_NAME_RULE);

    private RouteValidation() {
    }

    static void check(String name, Destination source, String selector, List<Transformation> transformations, Targets targets) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidRouteException("route '" + name + "': key 'name' value '" + name + "' is invalid: allowed are " + NAME_RULE);
        }
        if (source == null) {
            throw invalid(name, "source", null, "a queue (queue:NAME) or a topic or topic pattern (topic:NAME) is required");
        }
        if (selector != null && (selector.isBlank() || selector.length() > MAX_SELECTOR_LENGTH)) {
            throw invalid(name, "selector", selector, "a selector, when given, is 1 to " + MAX_SELECTOR_LENGTH + " characters, not blank");
        }
        if (transformations == null) {
            throw invalid(name, "transformations", null, "a list of transformations (possibly empty) is required");
        }
        for (int i = 0; i < transformations.size(); i++) {
            if (transformations.get(i) == null) {
                throw invalid(name, "transformations[" + i + "]", null, "a transformation is required");
            }
        }
        if (targets == null) {
            throw invalid(name, "targets", null, "targets or contentBasedRouting is required");
        }
        if (targets instanceof Targets.Fixed fixed) {
            checkTargetList(name, source, "targets", fixed.destinations());
        } else if (targets instanceof ContentBasedRouting cbr) {
            checkContentBasedRouting(name, source, cbr);
        }
    }

    /** Parses {@code text} as a destination, or fails naming the route and the key. */
    static Destination destination(String route, String key, String text) {
        try {
            return Destination.parse(text);
        } catch (InvalidDestinationException e) {
            throw invalid(route, key, text, e.getMessage());
        }
    }

    static InvalidRouteException invalid(String route, String key, Object value, String rule) {
        return new InvalidRouteException("route '" + route + "': key '" + key + "' value '" + value + "' is invalid: " + rule);
    }

    private static void checkContentBasedRouting(String name, Destination source, ContentBasedRouting cbr) {
        String prefix = "contentBasedRouting";
        if (cbr.key() == null) {
            throw invalid(name, prefix, null, "a header or a body field to route on is required");
        }
        if (cbr.key() instanceof ContentBasedRouting.Header header
                && (header.name() == null || !HEADER_NAME.matcher(header.name()).matches())) {
            throw invalid(name, prefix + ".header", header.name(), "allowed are " + Message.HEADER_NAME_RULE);
        }
        if (cbr.key() instanceof ContentBasedRouting.Field field) {
            try {
                FieldPath.parse(field.path());
            } catch (IllegalArgumentException e) {
                throw invalid(name, prefix + ".field", field.path(), "allowed are " + FieldPath.RULE);
            }
        }
        if (cbr.cases().isEmpty()) {
            throw invalid(name, prefix + ".when", "[]", "at least one case is required");
        }
        Set<String> values = new HashSet<>();
        for (int i = 0; i < cbr.cases().size(); i++) {
            ContentBasedRouting.Case c = cbr.cases().get(i);
            String key = prefix + ".when[" + i + "]";
            if (c.value() == null) {
                throw invalid(name, key + ".equals", null, "a value to compare with is required");
            }
            if (!values.add(c.value())) {
                throw invalid(name, key + ".equals", c.value(), "each value may appear in one case only");
            }
            checkTargetList(name, source, key + ".targets", c.targets());
        }
        if (!cbr.otherwise().isEmpty()) {
            checkTargetList(name, source, prefix + ".otherwise", cbr.otherwise());
        }
    }

    private static void checkTargetList(String name, Destination source, String key, List<Destination> targets) {
        if (targets.isEmpty()) {
            throw invalid(name, key, "[]", "at least one target destination is required");
        }
        Set<Destination> seen = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            Destination target = targets.get(i);
            String itemKey = key + "[" + i + "]";
            if (target == null) {
                throw invalid(name, itemKey, null, "a destination is required");
            }
            if (target instanceof Destination.Topic topic && topic.isPattern()) {
                throw invalid(name, itemKey, target, "a target must be a queue or a plain topic, not a pattern with '*' or '#'");
            }
            if (!seen.add(target)) {
                throw invalid(name, itemKey, target, "each target may appear once");
            }
            if (feedsBack(source, target)) {
                throw invalid(name, itemKey, target, "a target may not feed the route's own source " + source + " (a loop)");
            }
        }
    }

    private static boolean feedsBack(Destination source, Destination target) {
        if (source instanceof Destination.Topic sourceTopic && target instanceof Destination.Topic targetTopic) {
            return sourceTopic.matches(targetTopic.name());
        }
        return source.equals(target);
    }
}
