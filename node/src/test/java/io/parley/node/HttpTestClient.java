package io.parley.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Plain HTTP calls for gateway contract tests: exactly what another program would send. Thread-safe. */
final class HttpTestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpTestClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
    }

    /** POSTs a text body with the given header name/value pairs. */
    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = request(path).header("Content-Type", "text/plain; charset=utf-8");
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> delete(String path) {
        return send(request(path).DELETE().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What {@link #postUntilRefused} saw: how many POSTs were accepted ({@code 201}), then the first answer that was not. */
    record Refusal(int accepted, HttpResponse<String> response) {
    }

    /**
     * POSTs {@code body.apply(n)} (n = the sends accepted so far) to {@code path} every
     * {@code pollInterval} until an answer is not {@code 201}, for at most 60 s; each answer must
     * come within {@code answerWithin}.
     */
    Refusal postUntilRefused(String path, IntFunction<String> body, Duration pollInterval, Duration answerWithin) {
        AtomicInteger accepted = new AtomicInteger();
        AtomicReference<HttpResponse<String>> refused = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(pollInterval).until(() -> {
            long started = System.nanoTime();
            HttpResponse<String> sent = post(path, body.apply(accepted.get()));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a send's answer").isLessThan(answerWithin);
            if (sent.statusCode() == 201) {
                accepted.incrementAndGet();
                return false;
            }
            refused.set(sent);
            return true;
        });
        return new Refusal(accepted.get(), refused.get());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }
}
