package io.parley.node.naming;

import io.parley.node.CliRun;
import io.parley.node.InProcessNode;
import io.parley.node.NodeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.parley.node.CliRun.parley;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node running naming, rpc and coordinator publishes its services and its coordinator in its own
 * name server; {@code parley call --naming} finds a service's queue there; a node whose zones do
 * not hold those names binds them at its {@code --root} and removes them again when it stops.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class NodeNamingRegistrationTest {

    @RegisterExtension
    static final InProcessNode NODE = InProcessNode.configured(b -> b.services("broker,naming,rpc"));

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldPublishTheRpcServicesAndTheCoordinatorOfTheDefaultNodeInItsOwnNameServer(@TempDir Path dir) throws Exception {
        // the default node runs all four services; Narayana allows one coordinator per JVM, so it runs in a child JVM
        try (NodeProcess node = NodeProcess.builder(dir).defaultServices().start()) {
            HttpResponse<String> echo = get(node.httpUrl() + "/v1/resolve/services/parley/echo");
            assertThat(echo.statusCode()).as(echo.body()).isEqualTo(200);
            assertThat(echo.body()).contains("\"type\":\"service\"").contains("\"rpc.parley.echo\"")
                    .contains("\"node\":\"" + node.httpUrl() + "\"").contains("\"ttlMs\":30000");

            HttpResponse<String> coordinator = get(node.httpUrl() + "/v1/resolve/transactions/coordinators/node");
            assertThat(coordinator.statusCode()).as(coordinator.body()).isEqualTo(200);
            assertThat(coordinator.body()).contains("\"type\":\"coordinator\"").contains("parley.tx.coordinator.node")
                    .contains("\"messaging\":\"" + node.messagingUrl() + "\"");

            CliRun call = parley("call", "parley.echo", "echo", "[\"child\"]", "--naming", node.httpUrl(), "--messaging", node.messagingUrl());
            assertThat(call.exitCode()).as(call.err()).isZero();
            assertThat(call.out().trim()).isEqualTo("\"child\"");
        }
    }

    @Test
    void shouldPublishEveryHostedRpcServiceWithItsRequestQueue() throws Exception {
        HttpResponse<String> echo = get(NODE.httpUrl() + "/v1/resolve/services/parley/echo");
        assertThat(echo.statusCode()).as(echo.body()).isEqualTo(200);
        assertThat(echo.body()).contains("\"type\":\"service\"").contains("\"rpc.parley.echo\"")
                .contains("\"node\":\"" + NODE.httpUrl() + "\"").contains("\"ttlMs\":30000");

        HttpResponse<String> adder = get(NODE.httpUrl() + "/v1/resolve/services/adder");
        assertThat(adder.statusCode()).as(adder.body()).isEqualTo(200);
        assertThat(adder.body()).contains("\"rpc.adder\"");
    }

    @Test
    void shouldCallAServiceWhoseQueueIsFoundThroughTheNamingService() {
        CliRun echo = parley("call", "parley.echo", "echo", "[\"found by name\"]", "--naming", NODE.httpUrl(),
                "--messaging", NODE.messagingUrl());
        assertThat(echo.exitCode()).as(echo.err()).isZero();
        assertThat(echo.out().trim()).isEqualTo("\"found by name\"");

        CliRun add = parley("call", "adder", "add", "[40, 2]", "--naming", NODE.httpUrl(), "--messaging", NODE.messagingUrl());
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out().trim()).isEqualTo("42");
    }

    @Test
    void shouldFailTheCallNamingTheServiceWhenItIsNotBound() {
        CliRun missing = parley("call", "nobody.home", "echo", "[]", "--naming", NODE.httpUrl(), "--messaging", NODE.messagingUrl(),
                "--deadline-ms", "5000");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).contains("NOT_FOUND").contains("nobody.home");
    }

    @Test
    void shouldRefuseNamingTogetherWithQueue() {
        CliRun both = parley("call", "parley.echo", "echo", "[]", "--naming", NODE.httpUrl(), "--queue", "rpc.parley.echo");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--naming and --queue");
    }

    @Test
    void shouldBindAtTheRootWhenItsZonesDoNotHoldTheNamesAndUnbindOnStop() throws Exception {
        InProcessNode root = InProcessNode.configured(b -> b.services("naming"));
        root.beforeAll(null);
        try {
            String name = root.httpUrl() + "/v1/resolve/services/parley/echo?mode=iterative";
            InProcessNode east = InProcessNode.configured(b -> b.services("broker,naming,rpc")
                    .naming(new NamingOptions(List.of("/nl"), List.of(root.httpUrl()), List.of(), null, null, null)));
            east.beforeAll(null);
            try {
                HttpResponse<String> bound = get(name);
                assertThat(bound.statusCode()).as(bound.body()).isEqualTo(200);
                assertThat(bound.body()).contains("\"type\":\"service\"").contains("\"rpc.parley.echo\"")
                        .contains("\"node\":\"" + east.httpUrl() + "\"");
                HttpResponse<String> notInEastsZone = get(east.httpUrl() + "/v1/resolve/services/parley/echo?mode=iterative");
                assertThat(notInEastsZone.body()).as("east's own zone /nl does not hold the name; it refers to the root")
                        .contains("referral");
                CliRun call = parley("call", "parley.echo", "echo", "[\"via the root\"]", "--naming", root.httpUrl(),
                        "--messaging", east.messagingUrl());
                assertThat(call.exitCode()).as(call.err()).isZero();
                assertThat(call.out().trim()).isEqualTo("\"via the root\"");
            } finally {
                east.afterAll(null);
            }
            HttpResponse<String> gone = get(name);
            assertThat(gone.statusCode()).as(gone.body()).isEqualTo(404);
        } finally {
            root.afterAll(null);
        }
    }

    @Test
    void shouldServeWhenItsNamesCannotBeBound() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String deadRoot = "http://localhost:" + closedPort;
        InProcessNode lonely = InProcessNode.configured(b -> b.services("broker,naming,rpc")
                .naming(new NamingOptions(List.of("/nl"), List.of(deadRoot), List.of(), null, null, null)));
        lonely.beforeAll(null);
        try {
            HttpResponse<String> own = get(lonely.httpUrl() + "/v1/resolve/services/parley/echo?mode=iterative");
            assertThat(own.body()).as("not bound here: the name lies outside /nl, and the root was down").contains("referral");
            CliRun call = parley("call", "parley.echo", "echo", "[\"still serving\"]", "--messaging", lonely.messagingUrl());
            assertThat(call.exitCode()).as(call.err()).isZero();
            assertThat(call.out().trim()).isEqualTo("\"still serving\"");
        } finally {
            lonely.afterAll(null);
        }
    }
}
