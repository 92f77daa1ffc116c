package io.parley.node;

import io.parley.node.kafka.EngineOptions;
import io.parley.node.naming.NamingFlags;
import io.parley.node.tx.TxFlags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code parley node}: starts a node, prints the ready line on stdout, and runs until SIGTERM (or
 * Ctrl-C), when a shutdown hook stops it cleanly and the JVM exits with 0.
 *
 * <p>Settings come from the defaults, then the config file's {@code node:} section, then the flags
 * given here; each layer overrides the one before. A bad value fails the start with a message that
 * names the key, the value and the rule, and exit code 1.
 */
@Command(name = "node", mixinStandardHelpOptions = true, description = "Runs a Parley node until SIGTERM.")
final class NodeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(NodeCommand.class);
    private static volatile boolean exitingNormally;

    @Spec
    private CommandSpec spec;

    @Option(names = "--messaging-port", paramLabel = "PORT", description = "Messaging acceptor port (Core, AMQP 1.0, OpenWire); 0 picks a free one. Default 61616.")
    private Integer messagingPort;

    @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP port; 0 picks a free one. Default 8080.")
    private Integer httpPort;

    @Option(names = "--host", description = "Interface to listen on. Default localhost.")
    private String host;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (journal and client state). Default ./data.")
    private Path data;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file: node settings and routes.")
    private Path config;

    @Mixin
    private EngineOptions engineOptions = new EngineOptions();

    @Mixin
    private NamingFlags namingFlags = new NamingFlags();

    @Mixin
    private TxFlags txFlags = new TxFlags();

    @Option(names = "--services", paramLabel = "LIST", description = "Services to run, comma-separated: broker, naming, rpc, coordinator (rpc and coordinator need broker). Default: all of them.")
    private String services;

    /** Marks an exit the program chose itself, so the shutdown hook keeps its exit code. */
    static void exitingNormally() {
        exitingNormally = true;
    }

    @Override
    public Integer call() {
        NodeConfig.Builder builder = NodeConfig.builder();
        ConfigFile file = config != null ? ConfigFile.read(config) : null;
        if (file != null) {
            file.applyTo(builder);
        }
        applyFlags(builder);
        NodeConfig nodeConfig = builder.build();
        ConfigRoutes routes = file != null ? ConfigRoutes.read(file) : ConfigRoutes.none();
        Node node = Node.start(nodeConfig, routes);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(node, stopped), "parley-node-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println(node.readyLine());
        out.flush();
        LOG.info("node ready: messaging {} http {} data {}", node.messagingUrl(), node.httpUrl(), nodeConfig.dataDirectory().toAbsolutePath());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private void applyFlags(NodeConfig.Builder builder) {
        if (host != null) {
            builder.host(host);
        }
        if (messagingPort != null) {
            builder.messagingPort(messagingPort);
        }
        if (httpPort != null) {
            builder.httpPort(httpPort);
        }
        if (data != null) {
            builder.dataDirectory(data);
        }
        if (services != null) {
            builder.services(services);
        }
        builder.naming(namingFlags.over(builder.namingOptions()));
        builder.coordinator(txFlags.over(builder.coordinatorOptions()));
        if (engineOptions.choice() != null) {
            builder.engine(engineOptions.choice());
        }
    }

    /**
     * The shutdown hook: stops the node, then ends the JVM with 0 — a stop asked for by a signal is
     * a clean stop — unless the program was already exiting with a code of its own.
     */
    private static void stop(Node node, CountDownLatch stopped) {
        boolean signalled = !exitingNormally;
        LOG.info("stopping the node");
        try {
            node.close();
            LOG.info("node stopped");
        } finally {
            if (signalled) {
                System.out.flush();
                System.err.flush();
                Runtime.getRuntime().halt(0);
            }
            stopped.countDown();
        }
    }
}
