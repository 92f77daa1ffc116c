package io.parley.node.tx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.broker.Broker;
import io.parley.broker.Message;
import io.parley.coordinator.protocol.MessageType;
import io.parley.coordinator.protocol.Protocol;
import io.parley.coordinator.protocol.ProtocolMessage;
import io.parley.node.InProcessNode;
import io.parley.node.Parley;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The node's coordinator service: its HTTP contract under /v1/transactions, the tx CLI, and its queue answering. */
@Timeout(120)
class TransactionsNodeTest {

    @RegisterExtension
    static final InProcessNode NODE = InProcessNode.configured(b -> b.services("broker,coordinator"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(NODE.httpUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(NODE.httpUrl() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldListTransactionsAsJson() throws Exception {
        HttpResponse<String> response = get("/v1/transactions?state=in-doubt");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).isArray()).isTrue();
    }

    @Test
    void shouldRefuseAnUnknownStateNamingItAndTheAllowedOnes() throws Exception {
        HttpResponse<String> response = get("/v1/transactions?state=pending");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("error").asText()).isEqualTo("invalid-argument");
        assertThat(error.path("message").asText()).isEqualTo("state 'pending' is not one of [active, in-doubt, committed, aborted, heuristic]");
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownTransaction() throws Exception {
        HttpResponse<String> show = get("/v1/transactions/0:ffff7f000001:1:2:3");
        HttpResponse<String> decide = post("/v1/transactions/0:ffff7f000001:1:2:3/decision", "{\"outcome\":\"commit\",\"operator\":\"ops\"}");

        assertThat(show.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(show.body()).path("message").asText()).isEqualTo("no transaction '0:ffff7f000001:1:2:3' at this node");
        assertThat(decide.statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRefuseAnOutcomeThatIsNeitherCommitNorAbort() throws Exception {
        HttpResponse<String> response = post("/v1/transactions/x/decision", "{\"outcome\":\"maybe\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("message").asText()).isEqualTo("outcome 'maybe' is not one of [commit, abort]");
    }

    @Test
    void shouldAnswerPresumedAbortOnTheCoordinatorQueue() {
        Broker broker = NODE.node().broker();
        String probe = "probe.tx.node";
        broker.put("parley.tx.coordinator.node", new ProtocolMessage(MessageType.DECISION_REQUEST, "0:ffff7f000001:9:9:9",
                Protocol.TWO_PHASE, "p", probe, "").toMessage());

        Message answer = broker.get(probe, Duration.ofSeconds(30)).orElseThrow();

        assertThat(ProtocolMessage.fromMessage(answer).type()).isEqualTo(MessageType.GLOBAL_ABORT);
    }

    @Test
    void shouldListAndExplainFailuresOnTheCommandLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Parley.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        assertThat(cli.execute("tx", "list", "--state", "active", "--node", NODE.httpUrl())).isZero();
        assertThat(out.toString()).startsWith("ID");
        assertThat(cli.execute("tx", "show", "nope", "--node", NODE.httpUrl())).isEqualTo(1);
        assertThat(err.toString()).contains("error 404 not-found: no transaction 'nope' at this node");
        assertThat(cli.execute("tx", "decide", "nope", "maybe", "--node", NODE.httpUrl())).isEqualTo(2);
    }
}
