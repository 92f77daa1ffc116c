package io.parley.node;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A JUnit 5 extension that runs one node in the test JVM for a test class: embedded Artemis with
 * persistence on (journal in a temporary directory), free ports for messaging and HTTP.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final InProcessNode NODE = InProcessNode.create();
 * ... NODE.httpUrl() ...
 * }</pre>
 */
public final class InProcessNode implements BeforeAllCallback, AfterAllCallback {

    private final Consumer<NodeConfig.Builder> settings;
    private Path dataDirectory;
    private Node node;

    private InProcessNode(Consumer<NodeConfig.Builder> settings) {
        this.settings = settings;
    }

    public static InProcessNode create() {
        return new InProcessNode(builder -> { });
    }

    /** A node whose config {@code settings} adjusts (ports and data directory are set by the extension). */
    public static InProcessNode configured(Consumer<NodeConfig.Builder> settings) {
        return new InProcessNode(settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDirectory = Files.createTempDirectory("parley-node-");
        NodeConfig.Builder builder = NodeConfig.builder().host("localhost").messagingPort(0).httpPort(0).dataDirectory(dataDirectory)
                .services("broker");
        settings.accept(builder);
        node = Node.start(builder.build(), ConfigRoutes.none());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            deleteRecursively(dataDirectory);
        }
    }

    public Node node() {
        return node;
    }

    public String httpUrl() {
        return node.httpUrl();
    }

    public String messagingUrl() {
        return node.messagingUrl();
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
