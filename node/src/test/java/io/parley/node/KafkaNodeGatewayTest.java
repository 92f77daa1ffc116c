package io.parley.node;

import io.parley.broker.kafka.EmbeddedKafka;
import io.parley.node.kafka.EngineChoice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's HTTP contract on a node whose broker runs on Kafka (an in-process single-node KRaft
 * cluster): the same status codes, headers and receipts as on Artemis; visibility timeouts on
 * Kafka's acquisition locks, renewed while a receipt is outstanding.
 */
@Timeout(180)
class KafkaNodeGatewayTest {

    /** Short share-group locks, so that a receipt must outlive several of them. */
    private static final long LOCK_MS = 2000;

    private static Path directory;
    private static EmbeddedKafka kafka;
    private static Node node;
    private static HttpTestClient http;

    @BeforeAll
    static void start() throws IOException {
        directory = Files.createTempDirectory("parley-kafka-node-");
        kafka = EmbeddedKafka.start(directory.resolve("kafka"));
        node = Node.start(NodeConfig.builder().host("localhost").messagingPort(0).httpPort(0).dataDirectory(directory.resolve("node"))
                .services("broker")
                .engine(EngineChoice.builder().kind("kafka").kafkaBootstrap(kafka.bootstrapServers()).kafkaRecordLockMs(LOCK_MS).build())
                .build(), ConfigRoutes.none());
        http = new HttpTestClient(node.httpUrl());
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            try {
                if (kafka != null) {
                    kafka.close();
                }
            } finally {
                InProcessNode.deleteRecursively(directory);
            }
        }
    }

    @Test
    void shouldShowTheKafkaClusterAsTheMessagingUrlOfTheReadyLine() {
        assertThat(node.readyLine()).matches("parley node ready messaging=kafka://" + kafka.bootstrapServers().replace(".", "\\.") + " http=http://\\S+");
    }

    @Test
    void shouldSendReceiveAndAcknowledgeWithAReceipt() {
        HttpResponse<String> sent = http.post("/v1/queues/k-roundtrip/messages", "{\"pizza\": 1}", "Content-Type", "application/json");
        assertThat(sent.statusCode()).isEqualTo(201);
        String id = HttpTestClient.json(sent).path("id").asText();

        HttpResponse<String> received = http.get("/v1/queues/k-roundtrip/messages?waitMs=20000");
        assertThat(received.statusCode()).isEqualTo(200);
        assertThat(received.body()).isEqualTo("{\"pizza\": 1}");
        assertThat(received.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(received.headers().firstValue("Parley-Message-Id")).hasValue(id);
        assertThat(received.headers().firstValue("Parley-Delivery-Count")).hasValue("1");
        String receipt = received.headers().firstValue("Parley-Receipt").orElseThrow();

        assertThat(http.delete("/v1/queues/k-roundtrip/receipts/" + receipt).statusCode()).isEqualTo(204);
        assertThat(http.delete("/v1/queues/k-roundtrip/receipts/" + receipt).statusCode()).isEqualTo(404);
        assertThat(http.get("/v1/queues/k-roundtrip/messages?waitMs=1000").statusCode()).isEqualTo(204);
    }

    @Test
    void shouldRedeliverAMessageWhoseVisibilityRanOutWithTheNextDeliveryCount() {
        http.post("/v1/queues/k-visibility/messages", "late", "Content-Type", "text/plain");
        HttpResponse<String> first = http.get("/v1/queues/k-visibility/messages?waitMs=20000&visibilityMs=500");
        assertThat(first.statusCode()).isEqualTo(200);

        HttpResponse<String> again = http.get("/v1/queues/k-visibility/messages?waitMs=20000");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Parley-Message-Id")).isEqualTo(first.headers().firstValue("Parley-Message-Id"));
        assertThat(again.headers().firstValue("Parley-Delivery-Count")).hasValue("2");
        String lateReceipt = first.headers().firstValue("Parley-Receipt").orElseThrow();
        assertThat(http.delete("/v1/queues/k-visibility/receipts/" + lateReceipt).statusCode()).isEqualTo(404);
        assertThat(http.delete("/v1/queues/k-visibility/receipts/" + again.headers().firstValue("Parley-Receipt").orElseThrow())
                .statusCode()).isEqualTo(204);
    }

    @Test
    void shouldRenewTheLockWhileAReceiptOutlivesIt() {
        http.post("/v1/queues/k-renew/messages", "slow work", "Content-Type", "text/plain");
        HttpResponse<String> held = http.get("/v1/queues/k-renew/messages?waitMs=20000&visibilityMs=" + (5 * LOCK_MS));
        assertThat(held.statusCode()).isEqualTo(200);

        // two lock durations and more: without renewal Kafka would hand the message out again here
        HttpResponse<String> meanwhile = http.get("/v1/queues/k-renew/messages?waitMs=" + (3 * LOCK_MS));
        assertThat(meanwhile.statusCode()).isEqualTo(204);

        String receipt = held.headers().firstValue("Parley-Receipt").orElseThrow();
        assertThat(http.delete("/v1/queues/k-renew/receipts/" + receipt).statusCode()).isEqualTo(204);
        assertThat(http.get("/v1/queues/k-renew/messages?waitMs=" + (2 * LOCK_MS)).statusCode()).isEqualTo(204);
    }

    @Test
    void shouldRefuseAPriorityKafkaCannotHonourNamingTheCapability() {
        HttpResponse<String> refused = http.post("/v1/queues/k-priority/messages", "urgent", "Content-Type", "text/plain", "Parley-Priority", "9");

        assertThat(refused.statusCode()).isEqualTo(501);
        assertThat(HttpTestClient.json(refused).path("error").asText()).isEqualTo("unsupported");
        assertThat(HttpTestClient.json(refused).path("message").asText()).contains("kafka").contains("PRIORITIES");
    }
}
