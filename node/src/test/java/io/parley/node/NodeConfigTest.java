package io.parley.node;

import io.parley.common.ParleyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Node settings: defaults, the config file, flags, and validation messages that name key, value and rule. */
class NodeConfigTest {

    @TempDir
    Path directory;

    @Test
    void shouldDefaultToTheDocumentedPortsHostAndDataDirectory() {
        NodeConfig config = NodeConfig.builder().build();

        assertThat(config.messagingPort()).isEqualTo(61616);
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.host()).isEqualTo("localhost");
        assertThat(config.dataDirectory()).isEqualTo(Path.of("data"));
        assertThat(config.services()).containsExactlyInAnyOrder(NodeConfig.Service.values());
        assertThat(config.maxMessageBytes()).isEqualTo(10 * 1024 * 1024);
    }

    @Test
    void shouldRefuseOutOfRangeValuesNamingKeyValueAndRange() {
        assertThatThrownBy(() -> NodeConfig.builder().httpPort(70000)).hasMessage("http-port 70000 is out of range 0..65535");
        assertThatThrownBy(() -> NodeConfig.builder().messagingPort(-1)).hasMessage("messaging-port -1 is out of range 0..65535");
        assertThatThrownBy(() -> NodeConfig.builder().services("broker,mail"))
                .hasMessageStartingWith("services 'mail' is invalid: allowed are broker, naming");
        assertThatThrownBy(() -> NodeConfig.builder().services("naming,coordinator").build())
                .hasMessage("services 'naming,coordinator' is invalid: rpc and coordinator run over the broker's queues: add broker, or drop them");
        assertThatThrownBy(() -> NodeConfig.builder().messagingPort(9000).httpPort(9000).build())
                .hasMessage("http-port '9000' is invalid: it must differ from messaging-port 9000");
    }

    @Test
    void shouldReadNodeSettingsFromTheConfigFile() throws IOException {
        Path file = write("node:\n  host: 127.0.0.1\n  messaging-port: 7000\n  http-port: 7001\n  data: /tmp/x\n"
                + "  services: [broker]\n  max-message-bytes: 2048\n");
        NodeConfig.Builder builder = NodeConfig.builder();

        ConfigFile.read(file).applyTo(builder);
        NodeConfig config = builder.build();

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.messagingPort()).isEqualTo(7000);
        assertThat(config.httpPort()).isEqualTo(7001);
        assertThat(config.dataDirectory()).isEqualTo(Path.of("/tmp/x"));
        assertThat(config.maxMessageBytes()).isEqualTo(2048);
    }

    @Test
    void shouldRefuseUnknownKeysAndBadValuesInTheConfigFile() throws IOException {
        Path unknown = write("node:\n  http_port: 7001\n");
        assertThatThrownBy(() -> ConfigFile.read(unknown)).isInstanceOf(ParleyException.class)
                .hasMessage("config file " + unknown + ": unknown key 'node.http_port': allowed are " + ConfigFile.NODE_KEYS);

        Path outOfRange = write("node:\n  http-port: 70000\n");
        assertThatThrownBy(() -> ConfigFile.read(outOfRange).applyTo(NodeConfig.builder()))
                .hasMessage("config file " + outOfRange + ": node.http-port 70000 is out of range 0..65535");

        Path notANumber = write("node:\n  messaging-port: many\n");
        assertThatThrownBy(() -> ConfigFile.read(notANumber).applyTo(NodeConfig.builder()))
                .hasMessage("config file " + notANumber + ": node.messaging-port 'many' is invalid: an integer is expected");

        Path topLevel = write("nodes:\n  host: x\n");
        assertThatThrownBy(() -> ConfigFile.read(topLevel))
                .hasMessage("config file " + topLevel + ": unknown key 'nodes': allowed are [node, routes]");
    }

    @Test
    void shouldRefuseABadRouteInTheConfigFileBeforeStarting() throws IOException {
        Path file = write("routes:\n  - name: r1\n    source: queue:in\n    targets: [queue:out]\n    colour: blue\n");

        assertThatThrownBy(() -> ConfigRoutes.read(ConfigFile.read(file)))
                .isInstanceOf(ParleyException.class)
                .hasMessageStartingWith("config file " + file + ": ")
                .hasMessageContaining("colour");
    }

    @Test
    void shouldExitNonZeroNamingTheFlagWhenANodeFlagIsOutOfRange() {
        StringWriter err = new StringWriter();
        CommandLine parley = Parley.commandLine().setErr(new PrintWriter(err, true));

        int exitCode = parley.execute("node", "--http-port", "70000", "--data", directory.resolve("data").toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString().trim()).isEqualTo("parley node: http-port 70000 is out of range 0..65535");
    }

    @Test
    void shouldExitNonZeroWhenTheConfigFileDoesNotExist() {
        StringWriter err = new StringWriter();
        CommandLine parley = Parley.commandLine().setErr(new PrintWriter(err, true));
        Path missing = directory.resolve("missing.yaml");

        int exitCode = parley.execute("node", "--config", missing.toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString().trim()).isEqualTo("parley node: config file " + missing + " does not exist");
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(directory, "parley-", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
