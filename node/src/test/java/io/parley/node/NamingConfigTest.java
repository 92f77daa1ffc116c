package io.parley.node;

import io.parley.node.naming.NamingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The naming section of a node's configuration, from the config file and from flags, with one set of rules. */
class NamingConfigTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadNamingKeysFromTheConfigFile() throws IOException {
        Path file = Files.writeString(dir.resolve("node.yaml"), "node:\n  services: [naming]\n  zones: [/nl, /nl/vu]\n"
                + "  roots: http://root:8080\n  secondary-of: [http://primary:8080]\n");
        NodeConfig.Builder builder = NodeConfig.builder();
        ConfigFile.read(file).applyTo(builder);
        NamingOptions naming = builder.build().naming();
        assertThat(naming.zones()).containsExactly("/nl", "/nl/vu");
        assertThat(naming.roots()).containsExactly("http://root:8080");
        assertThat(naming.secondaryOf()).containsExactly("http://primary:8080");
        assertThat(naming.jdbcUrl()).isNull();
    }

    @Test
    void shouldLetFlagsOverrideTheFilesNamingKeys() throws IOException {
        Path file = Files.writeString(dir.resolve("node.yaml"), "node:\n  zones: [/nl]\n  roots: [http://root:8080]\n");
        io.parley.node.naming.NamingFlags flags = new io.parley.node.naming.NamingFlags();
        new CommandLine(flags).parseArgs("--zone", "/be");
        NodeConfig.Builder builder = NodeConfig.builder();
        ConfigFile.read(file).applyTo(builder);
        NamingOptions naming = flags.over(builder.namingOptions());
        assertThat(naming.zones()).containsExactly("/be");
        assertThat(naming.roots()).containsExactly("http://root:8080");
    }

    @Test
    void shouldRefuseABadZoneOrUrlWhereverItComesFrom() throws IOException {
        Path file = Files.writeString(dir.resolve("node.yaml"), "node:\n  zones: [/nl/Bad_Zone]\n");
        assertThatThrownBy(() -> ConfigFile.read(file).applyTo(NodeConfig.builder()))
                .hasMessageContaining("config file " + file + ": node.zone: label 'Bad_Zone'");
        assertThatThrownBy(() -> new NamingOptions(List.of(), List.of("ftp://root"), List.of(), null, null, null))
                .hasMessage("root 'ftp://root' is no name server URL; the rule is http(s)://host:port");
        assertThatThrownBy(() -> new NamingOptions(List.of(), List.of(), List.of(), "jdbc:mysql://x", null, null))
                .hasMessageContaining("jdbcUrl 'jdbc:mysql://x' is not supported");
    }
}
