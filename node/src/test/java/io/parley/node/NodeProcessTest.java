package io.parley.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code parley node} in a child JVM: the ready line, every service by default, a clean stop on SIGTERM, a real SIGKILL, and durability across them. */
@Timeout(180)
class NodeProcessTest {

    @TempDir
    Path directory;

    @Test
    void shouldPrintTheReadyLineAndExit0OnSigterm() throws Exception {
        NodeProcess node = NodeProcess.start(directory.resolve("data"));
        try {
            assertThat(node.stdout()).hasSize(1);
            assertThat(node.stdout().get(0)).matches("parley node ready messaging=tcp://localhost:\\d+ http=http://localhost:\\d+");
            assertThat(node.messagingUrl()).doesNotEndWith(":0");
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(node.httpUrl() + "/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");

            assertThat(node.stop()).as(node.logTail()).isZero();
            assertThat(node.stdout()).hasSize(1);
        } finally {
            node.close();
        }
    }

    @Test
    void shouldRunEveryServiceByDefault() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (NodeProcess node = NodeProcess.builder(directory.resolve("data")).defaultServices().start()) {
            HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create(node.httpUrl() + "/v1/queues/everything/messages"))
                    .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).as("broker").isEqualTo(201);
            HttpResponse<String> zones = http.send(HttpRequest.newBuilder(URI.create(node.httpUrl() + "/v1/zones")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(zones.statusCode()).as("naming").isEqualTo(200);
            assertThat(zones.body()).as("a root name server").contains("\"zone\":\"/\"");
            HttpResponse<String> transactions = http.send(HttpRequest.newBuilder(URI.create(node.httpUrl() + "/v1/transactions")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(transactions.statusCode()).as("coordinator").isEqualTo(200);
            assertThat(transactions.body()).isEqualTo("[]");

            StringWriter out = new StringWriter();
            InProcessCli call = new InProcessCli(out);
            assertThat(call.execute("call", "parley.echo", "echo", "[\"rutabaga\"]", "--messaging", node.messagingUrl()))
                    .as("rpc: %s", call.err()).isZero();
            assertThat(out.toString().trim()).isEqualTo("\"rutabaga\"");
            assertThat(node.stop()).as(node.logTail()).isZero();
        }
    }

    /** {@code parley} in this JVM, its stdout into a writer and its stderr kept. */
    private static final class InProcessCli {
        private final picocli.CommandLine commandLine = Parley.commandLine();
        private final StringWriter err = new StringWriter();

        InProcessCli(StringWriter out) {
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
        }

        int execute(String... args) {
            return commandLine.execute(args);
        }

        String err() {
            return err.toString();
        }
    }

    @Test
    void shouldKillWithSigkillAndKeepStoredMessages() throws Exception {
        Path data = directory.resolve("data");
        HttpClient http = HttpClient.newHttpClient();
        try (NodeProcess node = NodeProcess.start(data)) {
            HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create(node.httpUrl() + "/v1/queues/durable/messages"))
                    .POST(HttpRequest.BodyPublishers.ofString("survives")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).isEqualTo(201);

            assertThat(node.kill()).as("exit code of SIGKILL is 128 + 9").isEqualTo(137);
        }
        try (NodeProcess restarted = NodeProcess.start(data)) {
            HttpResponse<String> received = http.send(HttpRequest.newBuilder(
                    URI.create(restarted.httpUrl() + "/v1/queues/durable/messages?waitMs=5000")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(received.statusCode()).isEqualTo(200);
            assertThat(received.body()).isEqualTo("survives");
            assertThat(restarted.stop()).isZero();
        }
    }
}
