package io.parley.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutesConfigTest {

    private static final String FULL = """
            node:
              anything: belongs to the node
            routes:
              - name: orders-import
                source: queue:orders-csv
                selector: "region = 'eu'"
                transformations:
                  - csv-to-json
                  - { type: rename-field, from: cust.name, to: customer.name }
                  - { type: drop-field, field: internal }
                  - { type: add-field, field: origin.system, value: 7 }
                  - { type: json-to-xml, rootElement: orders, itemElement: order }
                  - xml-to-json
                  - { type: csv-to-json, separator: ";" }
                targets: [queue:orders-json, topic:orders.imported]
              - name: orders-by-region
                source: topic:orders.#
                contentBasedRouting:
                  field: customer.region
                  when:
                    - { equals: eu, targets: [queue:orders-eu] }
                    - { equals: us, targets: queue:orders-us }
                  otherwise: queue:orders-other
              - name: audit
                source: queue:payments
                targets: queue:audit
            """;

    private static final List<Route> EXPECTED = List.of(
            Route.from("queue:orders-csv").named("orders-import").where("region = 'eu'")
                    .transform(Transformations.csvToJson(),
                            Transformations.renameField("cust.name", "customer.name"),
                            Transformations.dropField("internal"),
                            Transformations.addField("origin.system", JsonNodeFactory.instance.numberNode(7)),
                            Transformations.jsonToXml("orders", "order"),
                            Transformations.xmlToJson(),
                            Transformations.csvToJson(';'))
                    .to("queue:orders-json", "topic:orders.imported"),
            Route.from("topic:orders.#").named("orders-by-region")
                    .routeOn(ContentBasedRouting.onField("customer.region")
                            .when("eu", "queue:orders-eu").when("us", "queue:orders-us").otherwise("queue:orders-other")),
            Route.from("queue:payments").named("audit").to("queue:audit"));

    @Test
    void shouldReadYamlRoutesEqualToThoseBuiltInCode() {
        assertThat(RoutesConfig.parseYaml(FULL).routes()).isEqualTo(EXPECTED);
    }

    @Test
    void shouldLoadYamlAndJsonFiles(@TempDir Path dir) throws IOException {
        Path yaml = Files.writeString(dir.resolve("parley.yaml"), FULL);
        Path json = Files.writeString(dir.resolve("parley.json"), """
                {"routes": [{"name": "audit", "source": "queue:payments", "targets": ["queue:audit"]}]}
                """);

        assertThat(RoutesConfig.load(yaml).routes()).isEqualTo(EXPECTED);
        assertThat(RoutesConfig.load(json).routes()).containsExactly(EXPECTED.get(2));
    }

    @Test
    void shouldReadNoRoutesWhenTheKeyIsAbsent() {
        assertThat(RoutesConfig.parseYaml("node: {}").routes()).isEmpty();
        assertThat(RoutesConfig.parseYaml("").routes()).isEmpty();
    }

    @Test
    void shouldRejectUnknownRouteKeyNamingKeyAndRoute() {
        assertFails("""
                routes:
                  - name: r1
                    source: queue:a
                    selecter: "x = 1"
                    targets: queue:b
                """, "route 'r1': unknown key 'selecter'; the keys of a route are name, source, selector, transformations, targets, contentBasedRouting");
    }

    @Test
    void shouldRejectUnknownTransformationKey() {
        assertFails("""
                routes:
                  - name: r1
                    source: queue:a
                    transformations:
                      - { type: rename-field, form: a, to: b }
                    targets: queue:b
                """, "route 'r1': unknown key 'transformations[0].form'; the keys of rename-field are type, from, to");
    }

    @Test
    void shouldRejectUnknownContentBasedRoutingKey() {
        assertFails("""
                routes:
                  - name: r1
                    source: queue:a
                    contentBasedRouting: { header: region, when: [{ equals: eu, target: queue:b }] }
                """, "route 'r1': unknown key 'contentBasedRouting.when[0].target'; the keys of a case are equals, targets");
    }

    @Test
    void shouldRejectUnknownTransformationType() {
        assertFails("""
                routes:
                  - name: r1
                    source: queue:a
                    transformations: [csv-to-xml]
                    targets: queue:b
                """, "route 'r1': key 'transformations[0]' value 'csv-to-xml' is invalid: allowed are json-to-xml, xml-to-json, "
                + "csv-to-json, rename-field, drop-field, add-field");
    }

    @Test
    void shouldRejectBareNameOfTransformationWithRequiredParameters() {
        assertFails("""
                routes:
                  - name: r1
                    source: queue:a
                    transformations: [drop-field]
                    targets: queue:b
                """, "route 'r1': key 'transformations[0]' value 'drop-field' is invalid: drop-field has parameters: "
                + "write it as a map with 'type' and field");
    }

    @Test
    void shouldRejectBadTransformationParameterNamingRouteAndStep() {
        assertFails("""
                routes:
                  - name: r1
                    source: queue:a
                    transformations: [{ type: drop-field, field: "a..b" }]
                    targets: queue:b
                """, "route 'r1': transformations[0]: drop-field key 'field' value 'a..b' is invalid: allowed are field names of "
                + "[A-Za-z0-9_$@-] (1 to 128 characters) separated by '.'");
    }

    @Test
    void shouldRejectMissingFieldOfTransformation() {
        assertFails("""
                routes:
                  - name: r1
                    source: queue:a
                    transformations: [{ type: add-field, field: x }]
                    targets: queue:b
                """, "route 'r1': key 'transformations[0].value' value 'null' is invalid: a value (any JSON or YAML value) is required");
    }

    @Test
    void shouldRejectLongSeparator() {
        assertFails("""
                routes:
                  - name: r1
                    source: queue:a
                    transformations: [{ type: csv-to-json, separator: ";;" }]
                    targets: queue:b
                """, "route 'r1': key 'transformations[0].separator' value ';;' is invalid: a single character");
    }

    @Test
    void shouldRejectRouteWithBothTargetsAndContentBasedRouting() {
        assertFails("""
                routes:
                  - name: r1
                    source: queue:a
                    targets: queue:b
                    contentBasedRouting: { header: h, when: [{ equals: x, targets: queue:c }] }
                """, "route 'r1': exactly one of the keys 'targets' and 'contentBasedRouting' is required, both are given");
    }

    @Test
    void shouldRejectRouteWithNeitherTargetsNorContentBasedRouting() {
        assertFails("""
                routes:
                  - name: r1
                    source: queue:a
                """, "route 'r1': exactly one of the keys 'targets' and 'contentBasedRouting' is required, neither is given");
    }

    @Test
    void shouldRejectRoutingOnBothHeaderAndField() {
        assertFails("""
                routes:
                  - name: r1
                    source: queue:a
                    contentBasedRouting: { header: h, field: f, when: [{ equals: x, targets: queue:c }] }
                """, "route 'r1': exactly one of the keys 'contentBasedRouting.header' and 'contentBasedRouting.field' is required, both are given");
    }

    @Test
    void shouldRejectMissingName() {
        assertFails("""
                routes:
                  - name: ok
                    source: queue:a
                    targets: queue:b
                  - source: queue:a
                    targets: queue:b
                """, "route 'routes[1]': key 'name' value 'null' is invalid: every route in a config file needs a name of "
                + "1 to 100 characters of [A-Za-z0-9._-]");
    }

    @Test
    void shouldRejectDuplicateNames() {
        assertFails("""
                routes:
                  - { name: r1, source: queue:a, targets: queue:b }
                  - { name: r2, source: queue:a, targets: queue:c }
                  - { name: r1, source: queue:x, targets: queue:y }
                """, "route 'r1' is defined twice, at routes[0] and routes[2]: route names must be unique");
    }

    @Test
    void shouldRejectBadDestinationNamingRouteKeyAndRule() {
        assertFails("""
                routes:
                  - { name: r1, source: queue:a, targets: [queue:b, "queue:bad name"] }
                """, "route 'r1': key 'targets[1]' value 'queue:bad name' is invalid: queue name 'bad name' is invalid: "
                + "allowed are 1 to 200 characters of [A-Za-z0-9._-]");
    }

    @Test
    void shouldRejectSourceWithoutKind() {
        assertFails("""
                routes:
                  - { name: r1, source: orders, targets: queue:b }
                """, "route 'r1': key 'source' value 'orders' is invalid: destination 'orders' must start with 'queue:' or 'topic:'");
    }

    @Test
    void shouldRejectRoutesThatIsNotAList() {
        assertFails("routes: { name: r1 }", "config key 'routes' value '{\"name\":\"r1\"}' is invalid: a list of routes is required");
    }

    @Test
    void shouldRejectDuplicateYamlKeys() {
        assertThatThrownBy(() -> RoutesConfig.parseYaml("""
                routes:
                  - { name: r1, source: queue:a, source: queue:c, targets: queue:b }
                """))
                .isInstanceOf(InvalidRouteException.class)
                .hasMessageStartingWith("config is not valid YAML: Duplicate field 'source'");
    }

    @Test
    void shouldNameTheFileInLoadErrors(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "routes:\n  - { name: r1, source: queue:a, targets: queue:a }\n");

        assertThatThrownBy(() -> RoutesConfig.load(file))
                .isInstanceOf(InvalidRouteException.class)
                .hasMessage("config file '" + file + "': route 'r1': key 'targets[0]' value 'queue:a' is invalid: "
                        + "a target may not feed the route's own source queue:a (a loop)");
    }

    private static void assertFails(String yaml, String message) {
        assertThatThrownBy(() -> RoutesConfig.parseYaml(yaml)).isInstanceOf(InvalidRouteException.class).hasMessage(message);
    }
}
