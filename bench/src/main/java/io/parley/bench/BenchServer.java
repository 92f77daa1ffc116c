package io.parley.bench;

import io.parley.broker.Broker;
import io.parley.broker.artemis.ArtemisConfig;
import io.parley.broker.artemis.ArtemisEngine;
import io.parley.broker.core.BrokerConfig;
import io.parley.broker.core.Brokers;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one embedded Artemis server a scenario measures against (persistence and journal sync on,
 * journal in a fresh temporary directory, TCP acceptor on a free port), and the two clients that
 * reach it over that same acceptor: Parley's broker client and the raw Jakarta Messaging client.
 *
 * <p>Owns the server, both clients and the directory; {@link #close()} stops them and deletes it.
 * Not thread-safe to open or close; the clients it hands out are thread-safe.
 */
final class BenchServer implements AutoCloseable {

    private final Path directory;
    private final ArtemisEngine server;
    private final Broker parley;
    private final ActiveMQConnectionFactory jms;

    private BenchServer(Path directory, ArtemisEngine server, Broker parley, ActiveMQConnectionFactory jms) {
        this.directory = directory;
        this.server = server;
        this.parley = parley;
        this.jms = jms;
    }

    /** Starts the server with its journal in a new directory under {@code parent}, and connects both clients. */
    static BenchServer start(Path parent) throws IOException {
        Files.createDirectories(parent);
        Path directory = Files.createTempDirectory(parent, "parley-bench-");
        ArtemisEngine server = ArtemisEngine.embedded(ArtemisConfig.builder()
                .dataDirectory(directory.resolve("artemis"))
                .messagingPort(0)
                .build());
        server.start();
        String url = server.messagingUrl();
        Broker parley = Brokers.openOwning(ArtemisEngine.connect(url), BrokerConfig.builder()
                .clientId("bench")
                .stateDirectory(directory.resolve("client"))
                .build());
        return new BenchServer(directory, server, parley, new ActiveMQConnectionFactory(url));
    }

    Path directory() {
        return directory;
    }

    String messagingUrl() {
        return server.messagingUrl();
    }

    /** Parley's client, connected over TCP like any remote application. */
    Broker parley() {
        return parley;
    }

    /** The raw Jakarta Messaging client's connection factory, with Artemis's defaults. */
    ActiveMQConnectionFactory jms() {
        return jms;
    }

    @Override
    public void close() {
        try {
            parley.close();
            jms.close();
        } finally {
            server.close();
            deleteRecursively(directory);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the benchmark directory " + root, e);
        }
    }
}
