package io.parley.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

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
        String padding = "x".repeat(60 * 1024);
        HttpTestClient.Refusal full = http.postUntilRefused("/v1/queues/q-full/messages", n -> "m" + n + padding,
                Duration.ofMillis(10), Duration.ofSeconds(60));
        HttpResponse<String> refused = full.response();

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        JsonNode error = HttpTestClient.json(refused);
        assertThat(error.path("error").asText()).isEqualTo("unavailable");
        assertThat(error.path("message").asText()).contains("queue:q-full").contains("the store is full")
                .contains("global-max-size " + 1024 * 1024 + " bytes");
        assertThat(full.accepted()).isPositive();
        for (int i = 0; i < full.accepted(); i++) {
            HttpResponse<String> received = http.get("/v1/queues/q-full/messages?waitMs=5000");
            assertThat(received.statusCode()).isEqualTo(200);
            assertThat(received.body()).isEqualTo("m" + i + padding);
        }
    }
}
