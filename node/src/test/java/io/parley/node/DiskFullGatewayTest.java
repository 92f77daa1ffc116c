package io.parley.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A disk above the node's {@code max-disk-usage-percent} (1 % here, so any real disk is above it):
 * once the server has looked at its disk, a send over HTTP is answered 503 at once, naming the
 * limit — also to a queue not written to before, whose producer needs credits the server once
 * withheld for good. (That what was accepted stays
 * receivable is {@link StoreRefusesWritesGatewayTest}'s: here, how many sends precede the server's
 * first look at its disk depends on how fast the node starts.)
 */
@Timeout(120)
class DiskFullGatewayTest {

    @RegisterExtension
    static final InProcessNode NODE = InProcessNode.configured(config -> config.maxDiskUsagePercent(1));

    private final HttpTestClient http = new HttpTestClient(NODE.httpUrl());

    @Test
    void shouldAnswer503NamingTheDiskLimitInsteadOfWaiting() {
        // the server looks at its disk every few seconds: until then, sends are accepted
        HttpResponse<String> refused = http.postUntilRefused("/v1/queues/q-disk/messages", n -> "m" + n,
                Duration.ofMillis(50), Duration.ofSeconds(5)).response();

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        JsonNode error = HttpTestClient.json(refused);
        assertThat(error.path("error").asText()).isEqualTo("unavailable");
        assertThat(error.path("message").asText()).contains("queue:q-disk").contains("above max-disk-usage 1 %");

        // a queue not written to before: its producer needs credits the full server used to withhold for good
        long started = System.nanoTime();
        HttpResponse<String> fresh = http.post("/v1/queues/q-disk-fresh/messages", "first");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the answer to a send to a fresh queue").isLessThan(Duration.ofSeconds(5));
        assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(503);
        assertThat(HttpTestClient.json(fresh).path("message").asText()).contains("queue:q-disk-fresh").contains("above max-disk-usage 1 %");
    }
}
