package io.parley.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.SyncPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The gateway's queue contract over real HTTP: send, receive with receipts, acknowledge, list. */
@Timeout(120)
class QueueGatewayTest {

    @RegisterExtension
    static final InProcessNode NODE = InProcessNode.create();

    private final HttpTestClient http = new HttpTestClient(NODE.httpUrl());

    @Test
    void shouldAnswer201WithTheIdOnceStoredAndDeliverTheBodyWithItsContentType() {
        HttpResponse<String> sent = send("q-roundtrip", "{\"pizza\": 1}", "Content-Type", "application/json");

        assertThat(sent.statusCode()).isEqualTo(201);
        assertThat(sent.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        String id = HttpTestClient.json(sent).path("id").asText();
        assertThat(id).isNotBlank();

        HttpResponse<String> received = http.get("/v1/queues/q-roundtrip/messages?waitMs=5000");
        assertThat(received.statusCode()).isEqualTo(200);
        assertThat(received.body()).isEqualTo("{\"pizza\": 1}");
        assertThat(received.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(received.headers().firstValue("Parley-Message-Id")).hasValue(id);
        assertThat(received.headers().firstValue("Parley-Delivery-Count")).hasValue("1");
        String receipt = received.headers().firstValue("Parley-Receipt").orElseThrow();

        assertThat(http.delete("/v1/queues/q-roundtrip/receipts/" + receipt).statusCode()).isEqualTo(204);
        assertThat(http.get("/v1/queues/q-roundtrip/messages").statusCode()).isEqualTo(204);
    }

    @Test
    void shouldKeepOptionalHeadersOnTheMessage() {
        send("q-headers", "low", "Parley-Priority", "1", "Parley-Persistent", "false");
        send("q-headers", "high", "Parley-Priority", "9", "Parley-Group", "g1", "Parley-Dedup-Id", "d-1", "Parley-TTL-Ms", "600000");

        HttpResponse<String> first = http.get("/v1/queues/q-headers/messages?waitMs=5000");
        assertThat(first.body()).isEqualTo("high");
        assertThat(first.headers().firstValue("Parley-Priority")).hasValue("9");
        assertThat(first.headers().firstValue("Parley-Group")).hasValue("g1");
        assertThat(first.headers().firstValue("Parley-Persistent")).hasValue("true");
        ack("q-headers", first);
        HttpResponse<String> second = http.get("/v1/queues/q-headers/messages?waitMs=5000");
        assertThat(second.body()).isEqualTo("low");
        assertThat(second.headers().firstValue("Parley-Persistent")).hasValue("false");
        ack("q-headers", second);
    }

    @Test
    void shouldSuppressADuplicateSendWithTheSameDedupId() {
        send("q-dedup", "once", "Parley-Dedup-Id", "order-42");
        send("q-dedup", "once again", "Parley-Dedup-Id", "order-42");

        HttpResponse<String> first = http.get("/v1/queues/q-dedup/messages?waitMs=5000");
        assertThat(first.body()).isEqualTo("once");
        ack("q-dedup", first);
        assertThat(http.get("/v1/queues/q-dedup/messages?waitMs=300").statusCode()).isEqualTo(204);
    }

    @Test
    void shouldHandOutAWaitingMessageWithTheDefaultWaitMsOfZero() {
        send("q-no-wait", "already there");

        HttpResponse<String> received = http.get("/v1/queues/q-no-wait/messages");

        assertThat(received.statusCode()).isEqualTo(200);
        assertThat(received.body()).isEqualTo("already there");
        ack("q-no-wait", received);
    }

    @Test
    void shouldServeAMessageWhoseContentTypeIsNoMediaTypeAsOctetStream() {
        NODE.node().broker().send(Destination.queue("q-odd-type"), Message.of("odd".getBytes(StandardCharsets.UTF_8), "odd"),
                SyncPoint.STORED);

        HttpResponse<String> received = http.send(http.request("/v1/queues/q-odd-type/messages?waitMs=5000")
                .timeout(Duration.ofSeconds(10)).GET().build());

        assertThat(received.statusCode()).isEqualTo(200);
        assertThat(received.body()).isEqualTo("odd");
        assertThat(received.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        ack("q-odd-type", received);
    }

    @Test
    void shouldAnswer204WhenNothingArrivesWithinWaitMs() {
        long started = System.nanoTime();
        HttpResponse<String> received = http.get("/v1/queues/q-empty/messages?waitMs=300");

        assertThat(received.statusCode()).isEqualTo(204);
        assertThat(received.body()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void shouldAnswerALongPollWhenAMessageArrivesDuringIt() {
        CompletableFuture<HttpResponse<String>> poll = CompletableFuture.supplyAsync(() -> http.get("/v1/queues/q-longpoll/messages?waitMs=20000"));
        await().atMost(Duration.ofSeconds(10)).until(() -> consumersOf("q-longpoll") == 1);

        send("q-longpoll", "arrived");

        HttpResponse<String> received = poll.join();
        assertThat(received.statusCode()).isEqualTo(200);
        assertThat(received.body()).isEqualTo("arrived");
        ack("q-longpoll", received);
    }

    @Test
    void shouldRedeliverAMessageNotAcknowledgedWithinVisibilityMs() {
        String id = HttpTestClient.json(send("q-visibility", "again")).path("id").asText();
        HttpResponse<String> first = http.get("/v1/queues/q-visibility/messages?waitMs=5000&visibilityMs=300");
        assertThat(first.headers().firstValue("Parley-Delivery-Count")).hasValue("1");

        AtomicReference<HttpResponse<String>> again = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            HttpResponse<String> poll = http.get("/v1/queues/q-visibility/messages?waitMs=500");
            again.set(poll);
            return poll.statusCode() == 200;
        });

        assertThat(again.get().headers().firstValue("Parley-Message-Id")).hasValue(id);
        assertThat(again.get().headers().firstValue("Parley-Delivery-Count")).hasValue("2");
        assertThat(again.get().headers().firstValue("Parley-Receipt")).isNotEqualTo(first.headers().firstValue("Parley-Receipt"));
        HttpResponse<String> expiredAck = http.delete("/v1/queues/q-visibility/receipts/" + first.headers().firstValue("Parley-Receipt").orElseThrow());
        assertThat(expiredAck.statusCode()).isEqualTo(404);
        assertThat(HttpTestClient.json(expiredAck).path("error").asText()).isEqualTo("not-found");
        ack("q-visibility", again.get());
        assertThat(http.get("/v1/queues/q-visibility/messages?waitMs=500").statusCode()).isEqualTo(204);
    }

    @Test
    void shouldHandOutDifferentMessagesToTwoReceiversWhileTheFirstIsUnacknowledged() {
        send("q-two", "one");
        send("q-two", "two");

        HttpResponse<String> first = http.get("/v1/queues/q-two/messages?waitMs=5000");
        HttpResponse<String> second = http.get("/v1/queues/q-two/messages?waitMs=5000");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(first.body() + second.body()).isEqualTo("onetwo");
        ack("q-two", first);
        ack("q-two", second);
    }

    @Test
    void shouldAnswer404ForAnUnknownReceiptOrAReceiptOfAnotherQueue() {
        HttpResponse<String> unknown = http.delete("/v1/queues/q-receipts/receipts/no-such-receipt");
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode error = HttpTestClient.json(unknown);
        assertThat(error.path("error").asText()).isEqualTo("not-found");
        assertThat(error.path("message").asText()).isEqualTo("receipt 'no-such-receipt' of queue 'q-receipts' is unknown or expired:"
                + " a receipt is valid once, until its visibilityMs runs out");

        send("q-receipts", "mine");
        HttpResponse<String> received = http.get("/v1/queues/q-receipts/messages?waitMs=5000");
        String receipt = received.headers().firstValue("Parley-Receipt").orElseThrow();
        assertThat(http.delete("/v1/queues/q-other/receipts/" + receipt).statusCode()).isEqualTo(404);
        assertThat(http.delete("/v1/queues/q-receipts/receipts/" + receipt).statusCode()).isEqualTo(204);
        assertThat(http.delete("/v1/queues/q-receipts/receipts/" + receipt).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldListQueuesWithDepthConsumersAndDeadLetters() {
        send("q-listed", "a");
        send("q-listed", "b");

        HttpResponse<String> listed = http.get("/v1/queues");

        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode queue = find(HttpTestClient.json(listed), "q-listed");
        assertThat(queue).as("q-listed in %s", listed.body()).isNotNull();
        assertThat(queue.path("depth").asLong()).isEqualTo(2);
        assertThat(queue.path("consumers").asInt()).isZero();
        assertThat(queue.path("deadLetters").asLong()).isZero();
    }

    @Test
    void shouldAnswerTheSyncPointsSubmittedAndDelivered() {
        assertThat(send("q-sync", "fire", "Parley-Sync", "submitted").statusCode()).isEqualTo(201);
        HttpResponse<String> fired = http.get("/v1/queues/q-sync/messages?waitMs=5000");
        ack("q-sync", fired);

        CompletableFuture<HttpResponse<String>> delivered = CompletableFuture.supplyAsync(
                () -> send("q-sync", "handed over", "Parley-Sync", "delivered"));
        HttpResponse<String> taken = http.get("/v1/queues/q-sync/messages?waitMs=10000");
        assertThat(taken.body()).isEqualTo("handed over");
        assertThat(delivered.join().statusCode()).isEqualTo(201);
        ack("q-sync", taken);
    }

    @Test
    void shouldAnswer504WhenDeliveredIsNotReachedWithinTheSyncTimeout() {
        HttpResponse<String> sent = send("q-sync-timeout", "nobody takes it", "Parley-Sync", "delivered", "Parley-Sync-Timeout-Ms", "300");

        assertThat(sent.statusCode()).isEqualTo(504);
        assertThat(HttpTestClient.json(sent).path("error").asText()).isEqualTo("deadline-exceeded");
        assertThat(HttpTestClient.json(sent).path("message").asText()).contains("DELIVERED").contains("300 ms");
    }

    @Test
    void shouldAcceptAnyBinaryBodyAndKeepItsBytes() {
        byte[] body = new byte[70_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        HttpResponse<String> sent = http.send(http.request("/v1/queues/q-binary/messages")
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertThat(sent.statusCode()).isEqualTo(201);

        HttpResponse<byte[]> received = bytes("/v1/queues/q-binary/messages?waitMs=5000");
        assertThat(received.body()).isEqualTo(body);
        assertThat(received.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(http.delete("/v1/queues/q-binary/receipts/" + received.headers().firstValue("Parley-Receipt").orElseThrow())
                .statusCode()).isEqualTo(204);
    }

    private HttpResponse<byte[]> bytes(String path) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(http.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(String queue, String body, String... headers) {
        return http.post("/v1/queues/" + queue + "/messages", body, headers);
    }

    private void ack(String queue, HttpResponse<String> received) {
        assertThat(received.statusCode()).isEqualTo(200);
        String receipt = received.headers().firstValue("Parley-Receipt").orElseThrow();
        assertThat(http.delete("/v1/queues/" + queue + "/receipts/" + receipt).statusCode()).isEqualTo(204);
    }

    private int consumersOf(String queue) {
        JsonNode found = find(HttpTestClient.json(http.get("/v1/queues")), queue);
        return found == null ? 0 : found.path("consumers").asInt();
    }

    private static JsonNode find(JsonNode queues, String name) {
        for (JsonNode queue : queues) {
            if (queue.path("name").asText().equals(name)) {
                return queue;
            }
        }
        return null;
    }
}
