package io.parley.node.crash;

import io.parley.node.NodeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crash safety over the HTTP gateway: every message answered {@code 201} survives a SIGKILL of the
 * node; a message received but not acknowledged comes back after the restart; a message whose
 * receipt was deleted ({@code 204}) never comes back.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GatewayCrashTest {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final String QUEUE = "http-crash";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void shouldKeepAcceptedAndUnacknowledgedMessagesAndForgetAcknowledgedOnesAcrossANodeKill() throws Exception {
        Path data = dir.resolve("data");
        int messagingPort = BrokerCrashTest.freePort();
        int httpPort = BrokerCrashTest.freePort();
        NodeProcess node = BrokerCrashTest.startNode(data, messagingPort, httpPort);
        String base = node.httpUrl();
        try {
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 20; i++) {
                accepted.add(post(base, "before-" + i));
            }
            List<String> receipts = new ArrayList<>();
            Set<String> acknowledged = new HashSet<>();
            Set<String> heldUnacknowledged = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> got = get(base, 1000);
                assertThat(got.statusCode()).isEqualTo(200);
                String id = got.headers().firstValue("Parley-Message-Id").orElseThrow();
                String receipt = got.headers().firstValue("Parley-Receipt").orElseThrow();
                if (i % 2 == 0) {
                    assertThat(delete(base, receipt)).isEqualTo(204);
                    acknowledged.add(id);
                } else {
                    receipts.add(receipt);
                    heldUnacknowledged.add(id);
                }
            }

            AtomicBoolean posting = new AtomicBoolean(true);
            String firstNode = base;
            Thread poster = new Thread(() -> {
                for (int i = 0; posting.get(); i++) {
                    try {
                        accepted.add(post(firstNode, "during-" + i));
                    } catch (IOException | RuntimeException e) {
                        // the node is down: this one was not accepted, nothing is promised
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "http-poster");
            poster.start();
            int before = accepted.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> accepted.size() >= before + 50);
            node.kill();
            posting.set(false);
            poster.join(TimeUnit.SECONDS.toMillis(30));

            node = BrokerCrashTest.startNode(data, messagingPort, httpPort);
            base = node.httpUrl();
            assertThat(delete(base, receipts.get(0))).as("receipts do not survive a restart").isEqualTo(404);

            List<String> drained = new ArrayList<>();
            while (true) {
                HttpResponse<String> got = get(base, 2000);
                if (got.statusCode() == 204) {
                    break;
                }
                assertThat(got.statusCode()).isEqualTo(200);
                drained.add(got.headers().firstValue("Parley-Message-Id").orElseThrow());
                assertThat(delete(base, got.headers().firstValue("Parley-Receipt").orElseThrow())).isEqualTo(204);
            }
            assertThat(drained).as("nothing is delivered twice after the restart").doesNotHaveDuplicates();
            assertThat(drained).as("acknowledged messages never come back").doesNotContainAnyElementsOf(acknowledged);
            assertThat(drained).as("received but unacknowledged messages come back").containsAll(heldUnacknowledged);
            Set<String> expected = new HashSet<>(accepted);
            expected.removeAll(acknowledged);
            assertThat(new HashSet<>(drained)).as("every message answered 201 survived").containsAll(expected);
        } finally {
            node.stop();
        }
    }

    private String post(String base, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/queues/" + QUEUE + "/messages"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST answered " + response.statusCode() + ": " + response.body());
        }
        Matcher matcher = ID.matcher(response.body());
        if (!matcher.find()) {
            throw new IllegalStateException("201 without an id: " + response.body());
        }
        return matcher.group(1);
    }

    private HttpResponse<String> get(String base, int waitMs) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/v1/queues/" + QUEUE + "/messages?waitMs=" + waitMs
                + "&visibilityMs=600000")).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private int delete(String base, String receipt) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/v1/queues/" + QUEUE + "/receipts/" + receipt))
                .timeout(Duration.ofSeconds(10)).DELETE().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
