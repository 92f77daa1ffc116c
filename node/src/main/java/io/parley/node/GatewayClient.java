package io.parley.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A client of a node's HTTP gateway, for the CLI. An answer other than the one expected becomes a
 * {@link ParleyException} with the gateway's error code and message. Thread-safe.
 */
final class GatewayClient {

    /** A message received with its receipt. */
    record Received(byte[] body, String contentType, String messageId, int deliveryCount, String receipt) {
        String bodyAsText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One row of {@code GET /v1/queues}. */
    record QueueRow(String name, long depth, int consumers, long deadLetters) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EXTRA_WAIT = Duration.ofSeconds(30);

    private final URI node;
    private final HttpClient http;

    GatewayClient(URI node) {
        this.node = node;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Sends to a queue; the future holds the message id once the node answered 201. */
    CompletableFuture<String> send(String queue, byte[] body, String contentType, boolean persistent, String sync) {
        HttpRequest request = HttpRequest.newBuilder(uri("/v1/queues/" + segment(queue) + "/messages"))
                .timeout(EXTRA_WAIT.multipliedBy(2))
                .header("Content-Type", contentType)
                .header("Parley-Persistent", Boolean.toString(persistent))
                .header("Parley-Sync", sync)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    if (error != null) {
                        throw unreachable(error);
                    }
                    expect(response, 201);
                    return json(response).path("id").asText();
                });
    }

    /** Waits up to {@code waitMs} on the node for a message of {@code queue}. */
    Optional<Received> receive(String queue, long waitMs) {
        HttpRequest request = HttpRequest.newBuilder(uri("/v1/queues/" + segment(queue) + "/messages?waitMs=" + waitMs))
                .timeout(Duration.ofMillis(waitMs).plus(EXTRA_WAIT))
                .GET().build();
        HttpResponse<byte[]> response = call(request);
        if (response.statusCode() == 204) {
            return Optional.empty();
        }
        expect(response, 200);
        return Optional.of(new Received(response.body(),
                response.headers().firstValue("Content-Type").orElse("application/octet-stream"),
                response.headers().firstValue("Parley-Message-Id").orElse(""),
                Integer.parseInt(response.headers().firstValue("Parley-Delivery-Count").orElse("0")),
                response.headers().firstValue("Parley-Receipt").orElseThrow(() -> new ParleyException(ErrorCode.INTERNAL,
                        "the node at " + node + " answered 200 without a Parley-Receipt header"))));
    }

    /** Acknowledges a receipt. */
    void acknowledge(String queue, String receipt) {
        HttpRequest request = HttpRequest.newBuilder(uri("/v1/queues/" + segment(queue) + "/receipts/" + segment(receipt)))
                .timeout(EXTRA_WAIT).DELETE().build();
        expect(call(request), 204);
    }

    List<QueueRow> queues() {
        HttpResponse<byte[]> response = call(HttpRequest.newBuilder(uri("/v1/queues")).timeout(EXTRA_WAIT).GET().build());
        expect(response, 200);
        List<QueueRow> rows = new ArrayList<>();
        for (JsonNode queue : json(response)) {
            rows.add(new QueueRow(queue.path("name").asText(), queue.path("depth").asLong(),
                    queue.path("consumers").asInt(), queue.path("deadLetters").asLong()));
        }
        return rows;
    }

    private HttpResponse<byte[]> call(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParleyException(ErrorCode.UNAVAILABLE, "interrupted while waiting for the node at " + node, e);
        }
    }

    private ParleyException unreachable(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ParleyException parley) {
            return parley;
        }
        String reason = cause instanceof ConnectException ? "connection refused" : cause.getClass().getSimpleName() + " " + cause.getMessage();
        return new ParleyException(ErrorCode.UNAVAILABLE, "cannot reach the node at " + node + " (" + reason
                + "); start one with 'parley node' or pick another with --node URL", cause);
    }

    private void expect(HttpResponse<byte[]> response, int status) {
        if (response.statusCode() == status) {
            return;
        }
        String error = "";
        String message = new String(response.body(), StandardCharsets.UTF_8);
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body != null && body.has("error")) {
                error = body.path("error").asText();
                message = body.path("message").asText();
            }
        } catch (IOException notJson) {
            // the body is not the JSON error shape: report it as text
        }
        throw new ParleyException(codeOf(error), "the node answered " + response.statusCode()
                + (error.isEmpty() ? "" : " " + error) + ": " + message);
    }

    private static ErrorCode codeOf(String wireName) {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.wireName().equals(wireName)) {
                return code;
            }
        }
        return ErrorCode.INTERNAL;
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ParleyException(ErrorCode.INTERNAL, "the node's answer is not JSON: " + e.getMessage(), e);
        }
    }

    private URI uri(String path) {
        String base = node.toString().endsWith("/") ? node.toString().substring(0, node.toString().length() - 1) : node.toString();
        return URI.create(base + path);
    }

    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
