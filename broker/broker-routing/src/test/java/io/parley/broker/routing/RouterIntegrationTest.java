package io.parley.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.broker.Broker;
import io.parley.broker.BrokerHeaders;
import io.parley.broker.ConsumerOptions;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.Subscription;
import io.parley.broker.artemis.ArtemisConfig;
import io.parley.broker.artemis.ArtemisEngine;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The router on a real embedded Artemis (persistence on), one engine for the class. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RouterIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dataDirectory;

    private static Broker broker;
    private Router router;

    @BeforeAll
    static void startEngine() {
        ArtemisEngine engine = ArtemisEngine.embedded(ArtemisConfig.builder()
                .dataDirectory(dataDirectory.resolve("artemis")).messagingPort(0).build());
        broker = Brokers.openOwning(engine, BrokerConfig.builder()
                .clientId("router-test").stateDirectory(dataDirectory.resolve("state")).build());
    }

    @AfterAll
    static void stopEngine() {
        broker.close();
    }

    @BeforeEach
    void newRouter() {
        router = new Router(broker);
    }

    @AfterEach
    void stopRouter() {
        router.close();
    }

    @Test
    void shouldConvertCsvToJsonAndSendToTwoTargets() {
        router.add(Route.from("queue:csv-in").named("csv-import")
                .transform(Transformations.csvToJson(), Transformations.addField("source", "legacy"))
                .to("queue:json-a", "queue:json-b"));
        router.start();

        Message sent = Message.builder().body(bytes("id,region\n1,eu\n2,us\n"), "text/csv")
                .correlationId("batch-7").header("tenant", "acme").build();
        broker.put("csv-in", sent);

        String expected = "[{\"id\":\"1\",\"region\":\"eu\",\"source\":\"legacy\"},{\"id\":\"2\",\"region\":\"us\",\"source\":\"legacy\"}]";
        for (String target : new String[] {"json-a", "json-b"}) {
            Message routed = broker.get(target, WAIT).orElseThrow(() -> new AssertionError("nothing arrived on " + target));
            assertThat(routed.bodyAsText()).isEqualTo(expected);
            assertThat(routed.contentType()).isEqualTo("application/json");
            assertThat(routed.id()).isEqualTo(sent.id());
            assertThat(routed.correlationId()).contains("batch-7");
            assertThat(routed.headers()).containsEntry("tenant", "acme").containsEntry(BrokerHeaders.ROUTE, "csv-import");
        }
        assertThat(broker.poll("csv-in")).isEmpty();
    }

    @Test
    void shouldRouteByHeaderValue() {
        router.add(Route.from("queue:cbr-header-in").named("by-region-header")
                .routeOn(ContentBasedRouting.onHeader("region").when("eu", "queue:cbr-header-eu").otherwise("queue:cbr-header-other")));
        router.start();

        broker.put("cbr-header-in", Message.builder().text("one").header("region", "eu").build());
        broker.put("cbr-header-in", Message.builder().text("two").header("region", "us").build());
        broker.put("cbr-header-in", Message.text("three"));

        assertThat(broker.get("cbr-header-eu", WAIT).map(Message::bodyAsText)).contains("one");
        assertThat(broker.get("cbr-header-other", WAIT).map(Message::bodyAsText)).contains("two");
        assertThat(broker.get("cbr-header-other", WAIT).map(Message::bodyAsText)).contains("three");
        assertThat(broker.poll("cbr-header-eu")).isEmpty();
    }

    @Test
    void shouldRouteByBodyFieldFromConfigFile() {
        router.addAll(RoutesConfig.parseYaml("""
                routes:
                  - name: by-region-field
                    source: queue:cbr-field-in
                    transformations:
                      - { type: rename-field, from: cust, to: customer }
                    contentBasedRouting:
                      field: customer.region
                      when:
                        - { equals: eu, targets: [queue:cbr-field-eu] }
                        - { equals: us, targets: queue:cbr-field-us }
                """));
        router.start();

        broker.put("cbr-field-in", json("{\"id\":1,\"cust\":{\"region\":\"us\"}}"));
        broker.put("cbr-field-in", json("{\"id\":2,\"cust\":{\"region\":\"eu\"}}"));

        assertThat(broker.get("cbr-field-us", WAIT).map(Message::bodyAsText)).contains("{\"id\":1,\"customer\":{\"region\":\"us\"}}");
        assertThat(broker.get("cbr-field-eu", WAIT).map(Message::bodyAsText)).contains("{\"id\":2,\"customer\":{\"region\":\"eu\"}}");
    }

    @Test
    void shouldRouteFromTopicPattern() {
        router.add(Route.from("topic:sales.*.eu").named("eu-sales").transform(Transformations.jsonToXml("sale", "item")).to("queue:eu-sales-xml"));
        router.start();

        broker.publish("sales.shoes.us", json("{\"sku\":\"us-1\"}"));
        broker.publish("sales.shoes.eu", json("{\"sku\":\"eu-1\"}"));
        broker.publish("sales.hats.eu", json("{\"sku\":\"eu-2\"}"));

        assertThat(broker.get("eu-sales-xml", WAIT).map(Message::bodyAsText)).contains("<sale><sku>eu-1</sku></sale>");
        assertThat(broker.get("eu-sales-xml", WAIT).map(Message::bodyAsText)).contains("<sale><sku>eu-2</sku></sale>");
        assertThat(broker.poll("eu-sales-xml")).isEmpty();
    }

    @Test
    void shouldRouteOnlyMessagesMatchingTheSelector() {
        router.add(Route.from("queue:selected-in").named("big-eu").where("region = 'eu' AND tier IN ('gold', 'silver')").to("queue:selected-out"));
        router.start();

        broker.put("selected-in", Message.builder().text("bronze").header("region", "eu").header("tier", "bronze").build());
        broker.put("selected-in", Message.builder().text("gold").header("region", "eu").header("tier", "gold").build());

        assertThat(broker.get("selected-out", WAIT).map(Message::bodyAsText)).contains("gold");
        router.stop();
        assertThat(broker.get("selected-in", WAIT).map(Message::bodyAsText)).contains("bronze");
    }

    @Test
    void shouldDeadLetterUntransformableMessageWhileGoodOnesFlowOn() {
        router.add(Route.from("queue:ragged-in").named("ragged").transform(Transformations.csvToJson()).to("queue:ragged-out"));
        router.start();

        Message bad = Message.builder().body(bytes("id,region,amount\n1,eu\n"), "text/csv").build();
        broker.put("ragged-in", bad);
        broker.put("ragged-in", Message.builder().body(bytes("id\n9\n"), "text/csv").build());

        assertThat(broker.get("ragged-out", WAIT).map(Message::bodyAsText)).contains("[{\"id\":\"9\"}]");
        Message dead = broker.get(Broker.deadLetterQueue("ragged-in"), WAIT).orElseThrow(() -> new AssertionError("nothing dead-lettered"));
        assertThat(dead.id()).isEqualTo(bad.id());
        assertThat(dead.bodyAsText()).isEqualTo("id,region,amount\n1,eu\n");
        assertThat(dead.header(BrokerHeaders.DEAD_LETTER_REASON)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("route 'ragged' transformation csv-to-json failed: body is not valid CSV: Not enough column values: expected 3, found 2"));
        assertThat(broker.poll("ragged-out")).isEmpty();
    }

    @Test
    void shouldDeadLetterMessageContentBasedRoutingCannotPlace() {
        router.add(Route.from("queue:unplaced-in").named("unplaced")
                .routeOn(ContentBasedRouting.onField("region").when("eu", "queue:unplaced-eu")));
        router.start();

        broker.put("unplaced-in", json("{\"id\":1}"));
        broker.put("unplaced-in", json("{\"region\":\"eu\"}"));

        assertThat(broker.get("unplaced-eu", WAIT).map(Message::bodyAsText)).contains("{\"region\":\"eu\"}");
        Message dead = broker.get(Broker.deadLetterQueue("unplaced-in"), WAIT).orElseThrow(() -> new AssertionError("nothing dead-lettered"));
        assertThat(dead.header(BrokerHeaders.DEAD_LETTER_REASON)).contains(
                "route 'unplaced' content-based routing failed: body field 'region' is missing and no otherwise target is set");
    }

    @Test
    void shouldAddAndRemoveRoutesWhileRunning() {
        router.start();
        router.add(Route.from("queue:live-in").named("live").to("queue:live-out"));
        broker.put("live-in", Message.text("routed"));
        assertThat(broker.get("live-out", WAIT).map(Message::bodyAsText)).contains("routed");

        assertThat(router.remove("live")).isTrue();
        broker.put("live-in", Message.text("stays"));
        assertThat(broker.get("live-in", WAIT).map(Message::bodyAsText)).contains("stays");
        assertThat(router.routes()).isEmpty();
        assertThat(router.remove("live")).isFalse();
    }

    @Test
    void shouldRejectSecondRouteWithTheSameName() {
        router.add(Route.from("queue:dup-in").named("dup").to("queue:dup-out"));

        assertThatThrownBy(() -> router.add(Route.from("queue:other-in").named("dup").to("queue:other-out")))
                .isInstanceOf(InvalidRouteException.class)
                .hasMessage("route 'dup' already exists in this router: route names must be unique");
    }

    @Test
    void shouldPublishRoutedMessagesToTopicTargets() throws InterruptedException {
        BlockingQueue<Message> seen = new LinkedBlockingQueue<>();
        Subscription auditors = broker.subscribe(Destination.topic("audit.orders"), null, d -> seen.add(d.message()), ConsumerOptions.DEFAULT);
        try {
            router.add(Route.from("queue:audited-in").named("audit").transform(Transformations.dropField("card")).to("topic:audit.orders"));
            router.start();

            broker.put("audited-in", json("{\"id\":3,\"card\":\"4111\"}"));

            Message audited = seen.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(Optional.ofNullable(audited).map(Message::bodyAsText)).contains("{\"id\":3}");
        } finally {
            auditors.close();
        }
    }

    private static Message json(String body) {
        return Message.of(bytes(body), "application/json");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
