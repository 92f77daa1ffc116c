package io.parley.samples;

import io.parley.broker.Broker;
import io.parley.broker.artemis.ArtemisConfig;
import io.parley.broker.artemis.ArtemisEngine;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;
import io.parley.broker.spi.Engine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where a sample runs: against a running node ({@code --messaging tcp://localhost:61616}) or, by
 * default, against an embedded Artemis engine in a fresh temporary directory. Mixed into each
 * sample command with {@code @Mixin}.
 */
final class SampleEnvironment implements AutoCloseable {

    @Option(names = "--messaging", description = "Messaging URL of a running node (default: an embedded engine in a temporary directory)")
    String messagingUrl;

    private Engine engine;
    private Path directory;

    /** Starts the engine (once) and opens a client with {@code clientId}; state lives in the sample's directory. */
    Broker open(String clientId) {
        if (engine == null) {
            directory = createDirectory();
            engine = messagingUrl != null
                    ? ArtemisEngine.connect(messagingUrl)
                    : ArtemisEngine.embedded(ArtemisConfig.builder().dataDirectory(directory.resolve("journal")).messagingPort(0).build());
            engine.start();
            System.out.println(messagingUrl != null
                    ? "connected to " + messagingUrl
                    : "started an embedded Artemis engine, journal in " + directory.resolve("journal"));
        }
        return Brokers.open(engine, BrokerConfig.builder().clientId(clientId)
                .stateDirectory(directory.resolve("clients").resolve(clientId)).build());
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("parley-sample-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
        if (directory != null) {
            deleteRecursively(directory);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + root + ": " + e.getMessage());
        }
    }
}
