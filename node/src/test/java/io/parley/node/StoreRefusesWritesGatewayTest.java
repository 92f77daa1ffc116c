package io.parley.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store that refuses writes answers 503 {@code unavailable}: the node runs with a disk-usage limit
 * of 1 %, which any real disk is above, so the engine refuses every persistent write.
 */
@Timeout(120)
class StoreRefusesWritesGatewayTest {

    @RegisterExtension
    static final InProcessNode NODE = InProcessNode.configured(config -> config.maxDiskUsagePercent(1));

    private final HttpTestClient http = new HttpTestClient(NODE.httpUrl());

    @Test
    void shouldAnswer503WhenTheStoreRefusesWrites() {
        HttpResponse<String> sent = http.post("/v1/queues/q-full/messages", "no room", "Parley-Sync-Timeout-Ms", "20000");

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(503);
        JsonNode error = HttpTestClient.json(sent);
        assertThat(error.path("error").asText()).isEqualTo("unavailable");
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(http.get("/v1/health").statusCode()).as("the node keeps serving").isEqualTo(200);
    }
}
