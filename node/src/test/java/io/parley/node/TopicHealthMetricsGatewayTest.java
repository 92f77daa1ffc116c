package io.parley.node;

import io.parley.broker.ConsumerOptions;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The gateway's topic, health and metrics contract over real HTTP. */
@Timeout(120)
class TopicHealthMetricsGatewayTest {

    @RegisterExtension
    static final InProcessNode NODE = InProcessNode.create();

    private final HttpTestClient http = new HttpTestClient(NODE.httpUrl());

    @Test
    void shouldPublishToEverySubscriptionThatMatchesTheTopic() {
        List<Message> eu = new CopyOnWriteArrayList<>();
        List<Message> all = new CopyOnWriteArrayList<>();
        Subscription euOrders = NODE.node().broker().subscribe(Destination.topic("orders.eu.*"), null,
                delivery -> eu.add(delivery.message()), ConsumerOptions.DEFAULT);
        Subscription allOrders = NODE.node().broker().subscribe(Destination.topic("orders.#"), null,
                delivery -> all.add(delivery.message()), ConsumerOptions.DEFAULT);
        try {

            HttpResponse<String> published = http.post("/v1/topics/orders.eu.nl/messages", "{\"id\": 7}",
                    "Content-Type", "application/json", "Parley-Priority", "7");

            assertThat(published.statusCode()).isEqualTo(201);
            String id = HttpTestClient.json(published).path("id").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> eu.size() == 1 && all.size() == 1);
            assertThat(eu.get(0).id()).isEqualTo(id);
            assertThat(eu.get(0).bodyAsText()).isEqualTo("{\"id\": 7}");
            assertThat(eu.get(0).contentType()).isEqualTo("application/json");
            assertThat(eu.get(0).priority()).isEqualTo(7);
        } finally {
            euOrders.close();
            allOrders.close();
        }
    }

    @Test
    void shouldReportHealthUp() {
        HttpResponse<String> health = http.get("/v1/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(HttpTestClient.json(health).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void shouldExposeSendsReceivesDepthsRedeliveriesDeadLettersAndLatenciesAsPrometheusText() {
        assertThat(http.post("/v1/queues/q-depth/messages", "one").statusCode()).isEqualTo(201);
        assertThat(http.post("/v1/queues/q-depth/messages", "two").statusCode()).isEqualTo(201);
        assertThat(http.post("/v1/queues/q-metrics/messages", "again").statusCode()).isEqualTo(201);
        HttpResponse<String> received = http.get("/v1/queues/q-metrics/messages?waitMs=5000&visibilityMs=100");
        assertThat(received.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/metrics").body()
                .contains("parley_gateway_visibility_expirations_total{queue=\"q-metrics\"} 1.0"));
        AtomicReference<HttpResponse<String>> redelivered = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            redelivered.set(http.get("/v1/queues/q-metrics/messages?waitMs=500"));
            return redelivered.get().statusCode() == 200;
        });
        assertThat(http.delete("/v1/queues/q-metrics/receipts/" + redelivered.get().headers().firstValue("Parley-Receipt").orElseThrow())
                .statusCode()).isEqualTo(204);

        HttpResponse<String> metrics = http.get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body())
                .contains("parley_gateway_sends_total{destination=\"q-depth\",kind=\"queue\"} 2.0")
                .contains("parley_gateway_receives_total{queue=\"q-metrics\"} 2.0")
                .contains("parley_gateway_redeliveries_total{queue=\"q-metrics\"} 1.0")
                .contains("parley_gateway_acks_total{queue=\"q-metrics\"} 1.0")
                .contains("parley_gateway_send_latency_seconds_count{kind=\"queue\",sync=\"stored\"}")
                .contains("parley_gateway_send_latency_seconds_bucket")
                .contains("parley_queue_depth{queue=\"q-depth\"} 2.0")
                .contains("parley_queue_depth{queue=\"q-metrics\"} 0.0")
                .contains("parley_queue_consumers{queue=\"q-depth\"} 0.0")
                .contains("parley_queue_dead_letters{queue=\"q-depth\"} 0.0")
                .contains("parley_broker_sent_total")
                .contains("parley_broker_received_total")
                .contains("parley_broker_redelivered_total");
    }
}
