package io.parley.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Routes from the node's {@code --config} file run in the node; a bad route stops the node at start. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConfigFileRoutesTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldRunTheRoutesOfTheConfigFile() throws Exception {
        Path config = dir.resolve("parley.yaml");
        Files.writeString(config, """
                routes:
                  - name: import
                    source: queue:orders-csv
                    transformations:
                      - csv-to-json
                      - { type: add-field, field: origin, value: legacy }
                    targets: [queue:orders-json]
                """);
        Path data = Files.createDirectories(dir.resolve("data"));
        try (NodeProcess node = NodeProcess.builder(data).nodeArgs("--config", config.toString()).start()) {
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(node.httpUrl() + "/v1/queues/orders-csv/messages"))
                    .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString("item,qty\nrutabaga,3\n")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(201);

            HttpResponse<String> routed = http.send(HttpRequest.newBuilder(URI.create(node.httpUrl()
                    + "/v1/queues/orders-json/messages?waitMs=10000")).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(routed.statusCode()).isEqualTo(200);
            assertThat(routed.body()).isEqualTo("[{\"item\":\"rutabaga\",\"qty\":\"3\",\"origin\":\"legacy\"}]");
            assertThat(node.stop()).isZero();
        }
    }

    @Test
    void shouldRefuseToStartWithABadRouteNamingTheKey() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, """
                routes:
                  - name: import
                    source: queue:orders-csv
                    transformations: [ { type: rename-field, form: a, to: b } ]
                    targets: [queue:orders-json]
                """);
        Path data = Files.createDirectories(dir.resolve("bad-data"));
        assertThatThrownBy(() -> NodeProcess.builder(data).nodeArgs("--config", config.toString())
                .readyDeadline(Duration.ofSeconds(60)).start())
                .hasMessageContaining("exited with")
                .hasMessageContaining("unknown key 'transformations[0].form'");
    }
}
