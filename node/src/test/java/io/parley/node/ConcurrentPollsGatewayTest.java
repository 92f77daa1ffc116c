package io.parley.node;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parley.broker.gateway.Gateway;
import io.parley.broker.gateway.GatewayConfig;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code maxConcurrentPolls} bound of a gateway, over real HTTP: as many clients as the bound
 * allows, each receiving in a loop, are always served. The gateway under test runs with a small
 * bound on the broker of an in-process node, on its own Grizzly server.
 */
@Timeout(120)
class ConcurrentPollsGatewayTest {

    static final int MAX_CONCURRENT_POLLS = 4;
    static final int RECEIVES_PER_CLIENT = 400;

    @RegisterExtension
    static final InProcessNode NODE = InProcessNode.create();

    private static Gateway gateway;
    private static HttpServer server;

    @BeforeAll
    static void startGateway() throws IOException {
        gateway = Gateway.create(NODE.node().broker(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                GatewayConfig.builder().maxConcurrentPolls(MAX_CONCURRENT_POLLS).build());
        server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://localhost:0/"), gateway.resourceConfig(), false);
        server.getListener("grizzly").registerAddOn(new PlainHttp1AddOn());
        server.start();
    }

    @AfterAll
    static void stopGateway() {
        if (server != null) {
            server.shutdownNow();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    /**
     * A poller thread still writes the previous answer for a moment after its poll gave its permit
     * back; a receive that took the permit then must wait for the thread, not be refused as if the
     * gateway were stopping.
     */
    @Test
    void shouldServeEveryReceiveWhileNoMoreThanMaxConcurrentPollsWaitAtOnce() {
        String url = "http://localhost:" + server.getListener("grizzly").getPort();
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(MAX_CONCURRENT_POLLS);
        try {
            List<CompletableFuture<Void>> loops = new ArrayList<>();
            for (int c = 0; c < MAX_CONCURRENT_POLLS; c++) {
                loops.add(CompletableFuture.runAsync(() -> {
                    HttpTestClient http = new HttpTestClient(url);
                    for (int i = 0; i < RECEIVES_PER_CLIENT; i++) {
                        HttpResponse<String> received = http.get("/v1/queues/q-polls/messages");
                        answers.merge(received.statusCode() + " " + received.body(), 1, Integer::sum);
                    }
                }, clients));
            }
            loops.forEach(CompletableFuture::join);
        } finally {
            clients.shutdownNow();
        }

        assertThat(answers).containsExactly(Map.entry("204 ", MAX_CONCURRENT_POLLS * RECEIVES_PER_CLIENT));
    }
}
