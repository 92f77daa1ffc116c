package io.parley.node.rpc;

import io.parley.node.CliRun;
import io.parley.node.InProcessNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import static io.parley.node.CliRun.parley;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node's rpc service: the built-in echo and hosted services answer {@code parley call}, and
 * their per-method metrics appear on the node's Prometheus {@code /metrics}.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RpcNodeTest {

    static final int MESSAGING_PORT = freePort();

    @RegisterExtension
    static final InProcessNode NODE = InProcessNode.configured(b -> b.services("broker,rpc").messagingPort(MESSAGING_PORT));
    static final String MESSAGING = "tcp://localhost:" + MESSAGING_PORT;

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void shouldPrintTheJsonReplyOfAStublessCall() {
        CliRun echo = parley("call", "parley.echo", "echo", "[\"rutabaga\"]", "--messaging", MESSAGING);
        assertThat(echo.exitCode()).as(echo.err()).isZero();
        assertThat(echo.out().trim()).isEqualTo("\"rutabaga\"");

        CliRun add = parley("call", "adder", "add", "[40, 2]", "--messaging", MESSAGING);
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out().trim()).isEqualTo("42");
    }

    @Test
    void shouldExitNonZeroWithTheStatusAndMessageOnFailure() {
        CliRun missing = parley("call", "parley.echo", "shout", "[\"x\"]", "--messaging", MESSAGING);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).contains("parley call: NOT_FOUND: service 'parley.echo' has no method 'shout' taking 1 argument(s)");

        CliRun badArguments = parley("call", "adder", "add", "[\"forty\", 2]", "--messaging", MESSAGING);
        assertThat(badArguments.exitCode()).isEqualTo(1);
        assertThat(badArguments.err()).contains("INVALID_ARGUMENT").contains("argument 0 (\"forty\")");

        CliRun notJson = parley("call", "adder", "add", "40, 2", "--messaging", MESSAGING);
        assertThat(notJson.exitCode()).isEqualTo(1);
        assertThat(notJson.err()).contains("INVALID_ARGUMENT");
    }

    @Test
    void shouldRefuseABadDeadlineAsAUsageError() {
        CliRun run = parley("call", "parley.echo", "echo", "[\"x\"]", "--deadline-ms", "0", "--messaging", MESSAGING);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--deadline-ms 0 is out of range 1..3600000");
    }

    @Test
    void shouldShowPerMethodMetricsOnTheNodesMetrics() throws Exception {
        assertThat(parley("call", "parley.echo", "echo", "[\"metrics\"]", "--messaging", MESSAGING).exitCode()).isZero();
        parley("call", "parley.echo", "nope", "[]", "--messaging", MESSAGING);
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(NODE.httpUrl() + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .containsPattern("parley_rpc_server_calls_total\\{[^}]*method=\"echo\"[^}]*service=\"parley.echo\"[^}]*status=\"OK\"[^}]*} [1-9]")
                .containsPattern("parley_rpc_server_errors_total\\{[^}]*method=\"nope\"[^}]*status=\"NOT_FOUND\"[^}]*} 1")
                .contains("parley_rpc_server_latency_seconds_bucket{");
    }
}
