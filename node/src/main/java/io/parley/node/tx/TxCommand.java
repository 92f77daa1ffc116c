package io.parley.node.tx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code parley tx list|show|decide}: global transactions of a running node through its admin API
 * ({@code --node}, default http://localhost:8080). Exit codes: 0 success, 1 refused or failed
 * (the node's error is printed), 2 usage.
 */
@Command(name = "tx", mixinStandardHelpOptions = true, description = "Lists, shows and decides global transactions.",
        subcommands = {TxCommand.ListTx.class, TxCommand.ShowTx.class, TxCommand.DecideTx.class})
public final class TxCommand implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a tx command is required: list, show, decide");
    }

    /** {@code --node URL}. */
    static final class NodeOption {
        @Spec(Spec.Target.MIXEE)
        private CommandSpec spec;

        @Option(names = "--node", paramLabel = "URL", defaultValue = "http://localhost:8080",
                description = "The node's HTTP URL. Default http://localhost:8080.")
        private String url;

        URI uri(String path) {
            try {
                URI base = URI.create(url);
                if (("http".equals(base.getScheme()) || "https".equals(base.getScheme())) && base.getHost() != null) {
                    return URI.create(url.replaceAll("/+$", "") + path);
                }
            } catch (IllegalArgumentException e) {
                // answered below
            }
            throw new CommandLine.ParameterException(spec.commandLine(), "--node '" + url + "' is no http(s) URL");
        }
    }

    /** Sends the request; prints the node's error and answers null when it is not 2xx. */
    private static JsonNode call(HttpRequest request, PrintWriter err) {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            if (response.statusCode() / 100 != 2) {
                err.println("error " + response.statusCode() + " " + body.path("error").asText() + ": " + body.path("message").asText());
                err.flush();
                return null;
            }
            return body;
        } catch (IOException e) {
            err.println("error: cannot reach " + request.uri() + ": " + e.getMessage());
            err.flush();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String id(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists transactions, optionally in one state.")
    static final class ListTx implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private NodeOption node;
        @Option(names = "--state", paramLabel = "STATE", description = "active, in-doubt, committed, aborted or heuristic.")
        private String state;

        @Override
        public Integer call() {
            String query = state == null ? "" : "?state=" + URLEncoder.encode(state, StandardCharsets.UTF_8);
            JsonNode list = TxCommand.call(HttpRequest.newBuilder(node.uri("/v1/transactions" + query)).GET().build(), spec.commandLine().getErr());
            if (list == null) {
                return 1;
            }
            PrintWriter out = spec.commandLine().getOut();
            String format = "%-40s  %-10s  %-14s  %s%n";
            out.printf(format, "ID", "STATE", "ROLE", "PARTICIPANTS");
            for (JsonNode tx : list) {
                StringBuilder participants = new StringBuilder();
                for (JsonNode p : tx.path("participants")) {
                    participants.append(participants.isEmpty() ? "" : ", ").append(p.path("name").asText()).append('=')
                            .append(p.path("state").asText());
                }
                out.printf(format, tx.path("id").asText(), tx.path("state").asText(), tx.path("role").asText(), participants);
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one transaction with its timeline of protocol messages.")
    static final class ShowTx implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private NodeOption node;
        @Parameters(paramLabel = "ID", description = "The transaction id.")
        private String id;

        @Override
        public Integer call() throws IOException {
            JsonNode tx = TxCommand.call(HttpRequest.newBuilder(node.uri("/v1/transactions/" + id(id))).GET().build(), spec.commandLine().getErr());
            if (tx == null) {
                return 1;
            }
            spec.commandLine().getOut().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tx));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "decide", mixinStandardHelpOptions = true, description = "Resolves a blocked or heuristic transaction: commit or abort.")
    static final class DecideTx implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private NodeOption node;
        @Parameters(index = "0", paramLabel = "ID", description = "The transaction id.")
        private String id;
        @Parameters(index = "1", paramLabel = "OUTCOME", description = "commit or abort.")
        private String outcome;
        @Option(names = "--operator", paramLabel = "WHO", description = "Who decides (recorded). Default: $USER.")
        private String operator;

        @Override
        public Integer call() throws IOException {
            if (!outcome.equals("commit") && !outcome.equals("abort")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "OUTCOME '" + outcome + "' is not one of [commit, abort]");
            }
            ObjectNode body = JSON.createObjectNode().put("outcome", outcome)
                    .put("operator", operator != null ? operator : System.getProperty("user.name", "anonymous"));
            JsonNode tx = TxCommand.call(HttpRequest.newBuilder(node.uri("/v1/transactions/" + id(id) + "/decision"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build(), spec.commandLine().getErr());
            if (tx == null) {
                return 1;
            }
            spec.commandLine().getOut().println(tx.path("id").asText() + " " + tx.path("state").asText());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
