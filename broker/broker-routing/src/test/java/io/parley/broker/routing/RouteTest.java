package io.parley.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.broker.Destination;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTest {

    @Test
    void shouldBuildRouteFluently() {
        Route route = Route.from("queue:orders").where("region = 'eu'").transform(Transformations.csvToJson()).to("queue:orders-json");

        assertThat(route.name()).isEqualTo("orders-to-orders-json");
        assertThat(route.source()).isEqualTo(Destination.queue("orders"));
        assertThat(route.selector()).isEqualTo("region = 'eu'");
        assertThat(route.transformations()).containsExactly(Transformations.csvToJson());
        assertThat(route.targets()).isEqualTo(Targets.of(Destination.queue("orders-json")));
    }

    @Test
    void shouldDeriveValidNameFromTopicPattern() {
        Route route = Route.from("topic:orders.*.#").routeOn(ContentBasedRouting.onHeader("region").when("eu", "queue:eu"));

        assertThat(route.name()).isEqualTo("orders._._-routed");
    }

    @Test
    void shouldRejectInvalidName() {
        assertThatThrownBy(() -> Route.from("queue:a").named("bad name").to("queue:b"))
                .isInstanceOf(InvalidRouteException.class)
                .hasMessage("route 'bad name': key 'name' value 'bad name' is invalid: allowed are 1 to 100 characters of [A-Za-z0-9._-]");
    }

    @Test
    void shouldRejectRouteWithoutTargets() {
        assertThatThrownBy(() -> Route.from("queue:a").named("r").to(new Destination[0]))
                .isInstanceOf(InvalidRouteException.class)
                .hasMessage("route 'r': key 'targets' value '[]' is invalid: at least one target destination is required");
    }

    @Test
    void shouldRejectTargetThatIsTheSource() {
        assertThatThrownBy(() -> Route.from("queue:a").named("r").to("queue:b", "queue:a"))
                .isInstanceOf(InvalidRouteException.class)
                .hasMessage("route 'r': key 'targets[1]' value 'queue:a' is invalid: a target may not feed the route's own source queue:a (a loop)");
    }

    @Test
    void shouldRejectTopicTargetMatchedBySourcePattern() {
        assertThatThrownBy(() -> Route.from("topic:orders.#").named("r").to("topic:orders.eu"))
                .isInstanceOf(InvalidRouteException.class)
                .hasMessage("route 'r': key 'targets[0]' value 'topic:orders.eu' is invalid: a target may not feed the route's own source topic:orders.# (a loop)");
    }

    @Test
    void shouldRejectPatternAsTarget() {
        assertThatThrownBy(() -> Route.from("queue:a").named("r").to("topic:orders.*"))
                .isInstanceOf(InvalidRouteException.class)
                .hasMessage("route 'r': key 'targets[0]' value 'topic:orders.*' is invalid: a target must be a queue or a plain topic, not a pattern with '*' or '#'");
    }

    @Test
    void shouldRejectDuplicateTarget() {
        assertThatThrownBy(() -> Route.from("queue:a").named("r").to("queue:b", "queue:b"))
                .isInstanceOf(InvalidRouteException.class)
                .hasMessage("route 'r': key 'targets[1]' value 'queue:b' is invalid: each target may appear once");
    }

    @Test
    void shouldRejectBlankSelector() {
        assertThatThrownBy(() -> Route.from("queue:a").named("r").where(" ").to("queue:b"))
                .isInstanceOf(InvalidRouteException.class)
                .hasMessage("route 'r': key 'selector' value ' ' is invalid: a selector, when given, is 1 to 4096 characters, not blank");
    }

    @Test
    void shouldRejectInvalidSource() {
        assertThatThrownBy(() -> Route.from("orders"))
                .isInstanceOf(InvalidRouteException.class)
                .hasMessage("route source 'orders' is invalid: destination 'orders' must start with 'queue:' or 'topic:'");
    }

    @Test
    void shouldRejectContentBasedRoutingWithoutCases() {
        assertThatThrownBy(() -> Route.from("queue:a").named("r").routeOn(ContentBasedRouting.onHeader("region").otherwise("queue:b")))
                .isInstanceOf(InvalidRouteException.class)
                .hasMessage("route 'r': key 'contentBasedRouting.when' value '[]' is invalid: at least one case is required");
    }

    @Test
    void shouldRejectRepeatedCaseValue() {
        assertThatThrownBy(() -> Route.from("queue:a").named("r")
                .routeOn(ContentBasedRouting.onField("region").when("eu", "queue:b").when("eu", "queue:c")))
                .isInstanceOf(InvalidRouteException.class)
                .hasMessage("route 'r': key 'contentBasedRouting.when[1].equals' value 'eu' is invalid: each value may appear in one case only");
    }

    @Test
    void shouldRejectInvalidRoutingField() {
        assertThatThrownBy(() -> Route.from("queue:a").named("r").routeOn(ContentBasedRouting.onField("a.").when("x", "queue:b")))
                .isInstanceOf(InvalidRouteException.class)
                .hasMessage("route 'r': key 'contentBasedRouting.field' value 'a.' is invalid: allowed are field names of "
                        + "[A-Za-z0-9_$@-] (1 to 128 characters) separated by '.'");
    }

    @Test
    void shouldRejectMissingTransformationAndTarget() {
        assertThatThrownBy(() -> Route.from("queue:a").named("r").transform(Transformations.xmlToJson(), null).to("queue:b"))
                .isInstanceOf(InvalidRouteException.class)
                .hasMessage("route 'r': key 'transformations[1]' value 'null' is invalid: a transformation is required");
        assertThatThrownBy(() -> Route.from("queue:a").named("r").to(Destination.queue("b"), null))
                .isInstanceOf(InvalidRouteException.class)
                .hasMessage("route 'r': key 'targets[1]' value 'null' is invalid: a destination is required");
    }

    @Test
    void shouldRejectContentBasedRoutingWithoutKey() {
        ContentBasedRouting keyless = new ContentBasedRouting(null, List.of(), List.of());

        assertThatThrownBy(() -> Route.from("queue:a").named("r").routeOn(keyless))
                .isInstanceOf(InvalidRouteException.class)
                .hasMessage("route 'r': key 'contentBasedRouting' value 'null' is invalid: a header or a body field to route on is required");
    }
}
