package io.parley.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A store that refuses writes answers 503 {@code unavailable}: the node's queues may hold 1 MiB,
 * so after some twenty 60 KiB messages without a consumer the engine refuses further writes. Messages
 * accepted before that stay receivable.
 */
@Timeout(120)
class StoreRefusesWritesGatewayTest {

    @RegisterExtension
    static final InProcessNode NODE = InProcessNode.configured(config -> config.maxMemoryBytes(1024 * 1024));

    private final HttpTestClient http = new HttpTestClient(NODE.httpUrl());

    @Test
    void shouldAnswer503WhenTheStoreRefusesWritesAndKeepWhatItAccepted() {
        AtomicInteger accepted = new AtomicInteger();
        AtomicReference<HttpResponse<String>> refused = new AtomicReference<>();
        String padding = "x".repeat(60 * 1024);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
            HttpResponse<String> sent = http.post("/v1/queues/q-full/messages", "m" + accepted.get() + padding);
            if (sent.statusCode() == 201) {
                accepted.incrementAndGet();
                return false;
            }
            refused.set(sent);
            return true;
        });

        assertThat(refused.get().statusCode()).as(refused.get().body()).isEqualTo(503);
        JsonNode error = HttpTestClient.json(refused.get());
        assertThat(error.path("error").asText()).isEqualTo("unavailable");
        assertThat(error.path("message").asText()).contains("queue:q-full").contains("the store is full")
                .contains("global-max-size " + 1024 * 1024 + " bytes");
        assertThat(accepted.get()).isPositive();
        for (int i = 0; i < accepted.get(); i++) {
            HttpResponse<String> received = http.get("/v1/queues/q-full/messages?waitMs=5000");
            assertThat(received.statusCode()).isEqualTo(200);
            assertThat(received.body()).isEqualTo("m" + i + padding);
        }
    }
}
