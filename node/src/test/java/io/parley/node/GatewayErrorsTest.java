package io.parley.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's error contract: status, the JSON shape {@code {"error", "message"}}, and messages
 * that name the value and the rule. The node runs with small limits so that they are cheap to reach.
 */
@Timeout(120)
class GatewayErrorsTest {

    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    static final int MAX_RECEIPTS = 3;

    @RegisterExtension
    static final InProcessNode NODE = InProcessNode.configured(config -> config
            .maxMessageBytes(MAX_MESSAGE_BYTES).maxOutstandingReceipts(MAX_RECEIPTS));

    private final HttpTestClient http = new HttpTestClient(NODE.httpUrl());

    @Test
    void shouldRefuseABadQueueNameWith400NamingTheRule() {
        assertError(http.post("/v1/queues/bad%20name/messages", "x"), 400, "invalid-argument",
                "queue name 'bad name' is invalid: allowed are 1 to 200 characters of [A-Za-z0-9._-]");
        assertError(http.get("/v1/queues/" + "q".repeat(201) + "/messages"), 400, "invalid-argument",
                "queue name '" + "q".repeat(201) + "' is invalid: allowed are 1 to 200 characters of [A-Za-z0-9._-]");
    }

    @Test
    void shouldRefuseBadHeadersWith400NamingTheValueAndTheRule() {
        assertError(send("Parley-Priority", "12"), 400, "invalid-argument", "header Parley-Priority '12' is out of range 0..9");
        assertError(send("Parley-Priority", "high"), 400, "invalid-argument", "header Parley-Priority 'high' is not an integer: allowed are 0..9");
        assertError(send("Parley-Persistent", "yes"), 400, "invalid-argument", "header Parley-Persistent 'yes' is invalid: allowed are true or false");
        assertError(send("Parley-TTL-Ms", "0"), 400, "invalid-argument", "header Parley-TTL-Ms '0' is out of range 1..31536000000");
        assertError(send("Parley-Sync", "processed"), 400, "invalid-argument",
                "header Parley-Sync 'processed' is invalid: allowed are submitted, stored or delivered");
        assertError(send("Parley-Group", "g".repeat(1025)), 400, "invalid-argument",
                "header Parley-Group of 1025 characters is invalid: allowed are 1..1024 characters");
    }

    @Test
    void shouldRefuseAContentTypeThatIsNoMediaTypeWith400InTheJsonShape() {
        String rule = "' is invalid: a media type type/subtype[; parameter=value] is expected, e.g. text/plain; charset=utf-8";
        assertError(http.post("/v1/queues/q-type/messages", "x", "Content-Type", "garbage"), 400, "invalid-argument",
                "header Content-Type 'garbage" + rule);
        assertError(http.post("/v1/topics/t-type/messages", "x", "Content-Type", "text/plain; charset"), 400, "invalid-argument",
                "header Content-Type 'text/plain; charset" + rule);
        assertThat(http.get("/v1/queues/q-type/messages?waitMs=200").statusCode()).as("nothing was sent").isEqualTo(204);
    }

    @Test
    void shouldRefuseBadParametersWith400NamingTheValueAndTheRange() {
        assertError(http.get("/v1/queues/q-params/messages?waitMs=30001"), 400, "invalid-argument",
                "parameter waitMs '30001' is out of range 0..30000");
        assertError(http.get("/v1/queues/q-params/messages?waitMs=-1"), 400, "invalid-argument",
                "parameter waitMs '-1' is out of range 0..30000");
        assertError(http.get("/v1/queues/q-params/messages?visibilityMs=0"), 400, "invalid-argument",
                "parameter visibilityMs '0' is out of range 1..43200000");
        assertError(http.get("/v1/queues/q-params/messages?visibilityMs=soon"), 400, "invalid-argument",
                "parameter visibilityMs 'soon' is not an integer: allowed are 1..43200000");
    }

    @Test
    void shouldRefuseABodyAboveMaxMessageBytesWith413AndKeepWhatWasAccepted() {
        assertThat(http.post("/v1/queues/q-large/messages", "accepted").statusCode()).isEqualTo(201);

        HttpResponse<String> tooLarge = http.send(http.request("/v1/queues/q-large/messages")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[MAX_MESSAGE_BYTES + 1])).build());
        assertError(tooLarge, 413, "message-too-large",
                "queue 'q-large': message of " + (MAX_MESSAGE_BYTES + 1) + " bytes exceeds maxMessageBytes " + MAX_MESSAGE_BYTES);

        HttpResponse<String> exactly = http.send(http.request("/v1/queues/q-large/messages")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[MAX_MESSAGE_BYTES])).build());
        assertThat(exactly.statusCode()).isEqualTo(201);
        HttpResponse<String> first = http.get("/v1/queues/q-large/messages?waitMs=5000");
        assertThat(first.body()).isEqualTo("accepted");
        assertThat(http.delete("/v1/queues/q-large/receipts/" + first.headers().firstValue("Parley-Receipt").orElseThrow()).statusCode())
                .isEqualTo(204);
    }

    @Test
    void shouldRefuseAChunkedBodyAboveMaxMessageBytesWith413() {
        byte[] chunk = new byte[16 * 1024];
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i <= MAX_MESSAGE_BYTES / chunk.length; i++) {
            chunks.add(chunk);
        }
        HttpResponse<String> tooLarge = http.send(http.request("/v1/queues/q-chunked/messages")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArrays(chunks)).build());

        assertError(tooLarge, 413, "message-too-large",
                "queue 'q-chunked': message body exceeds maxMessageBytes " + MAX_MESSAGE_BYTES + " (more than " + MAX_MESSAGE_BYTES + " bytes received)");
    }

    @Test
    void shouldRefuseAPublishToATopicPattern() {
        assertError(http.post("/v1/topics/orders.*/messages", "x"), 400, "invalid-argument",
                "topic 'orders.*' is a pattern: publish needs a plain topic name, words of [A-Za-z0-9_-]+ separated by '.'");
    }

    @Test
    void shouldAnswerUnknownPathsAndMethodsInTheJsonShape() {
        assertError(http.get("/v1/nothing-here"), 404, "not-found", "no resource at GET /v1/nothing-here");
        HttpResponse<String> notAllowed = http.send(http.request("/v1/queues").PUT(HttpRequest.BodyPublishers.ofString("x")).build());
        assertThat(notAllowed.statusCode()).isEqualTo(405);
        JsonNode error = HttpTestClient.json(notAllowed);
        assertThat(error.path("error").asText()).isEqualTo("invalid-argument");
        assertThat(error.path("message").asText()).startsWith("method not allowed: PUT /v1/queues; allowed are ").contains("GET");
    }

    @Test
    void shouldRefuseReceivesBeyondMaxOutstandingReceiptsWith429() {
        for (int i = 0; i <= MAX_RECEIPTS; i++) {
            assertThat(http.post("/v1/queues/q-receipts/messages", "m" + i).statusCode()).isEqualTo(201);
        }
        List<String> receipts = new ArrayList<>();
        for (int i = 0; i < MAX_RECEIPTS; i++) {
            HttpResponse<String> received = http.get("/v1/queues/q-receipts/messages?waitMs=5000");
            assertThat(received.statusCode()).isEqualTo(200);
            receipts.add(received.headers().firstValue("Parley-Receipt").orElseThrow());
        }

        assertError(http.get("/v1/queues/q-receipts/messages?waitMs=5000"), 429, "resource-exhausted",
                "queue 'q-receipts': outstanding receipts reached the limit maxOutstandingReceipts " + MAX_RECEIPTS
                        + "; acknowledge receipts or let them expire");

        assertThat(http.delete("/v1/queues/q-receipts/receipts/" + receipts.get(0)).statusCode()).isEqualTo(204);
        HttpResponse<String> afterAck = http.get("/v1/queues/q-receipts/messages?waitMs=5000");
        assertThat(afterAck.statusCode()).isEqualTo(200);
        receipts.set(0, afterAck.headers().firstValue("Parley-Receipt").orElseThrow());
        for (String receipt : receipts) {
            assertThat(http.delete("/v1/queues/q-receipts/receipts/" + receipt).statusCode()).isEqualTo(204);
        }
    }

    private HttpResponse<String> send(String header, String value) {
        return http.post("/v1/queues/q-headers/messages", "x", header, value);
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode error = HttpTestClient.json(response);
        assertThat(error.path("error").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).isEqualTo(message);
        assertThat(error.size()).isEqualTo(2);
    }
}
