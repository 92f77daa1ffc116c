package io.parley.node;

import io.parley.broker.gateway.GatewayConfig;
import io.parley.common.ErrorCode;
import io.parley.node.naming.NamingOptions;
import io.parley.node.tx.TxOptions;
import io.parley.node.kafka.EngineChoice;
import io.parley.common.ParleyException;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of one node. Immutable; {@link #builder()} holds the defaults and validates every
 * value in one place, whatever its source (config file or CLI flag), naming the key, the value and
 * the allowed range on failure. Keys are spelled as the CLI flags without their dashes prefix.
 *
 * @param host                   interface the messaging acceptor and the HTTP server listen on
 * @param messagingPort          the multi-protocol messaging acceptor's port; 0 picks a free port
 * @param httpPort               the HTTP server's port; 0 picks a free port
 * @param dataDirectory          where the node keeps everything durable (the engine's journal, client state)
 * @param services               the services this node runs
 * @param maxMessageBytes        the largest message body accepted
 * @param maxOutstandingReceipts HTTP receipts held at once
 * @param maxDiskUsagePercent    disk usage above which the engine stops taking writes
 * @param maxMemoryBytes         memory the engine's queues may hold before it refuses writes (sends
 *                               answer 503 until consumers catch up); -1 leaves the engine's default
 * @param engine                 the broker's engine: embedded Artemis (default) or a Kafka cluster
 * @param naming                 the naming service's section: zones, roots, primaries, storage
 * @param coordinator            the coordinator service's section: timeouts and where its log lives
 */
public record NodeConfig(String host, int messagingPort, int httpPort, Path dataDirectory, Set<Service> services,
                         int maxMessageBytes, int maxOutstandingReceipts, int maxDiskUsagePercent, long maxMemoryBytes,
                         EngineChoice engine, NamingOptions naming, TxOptions coordinator) {

    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_MESSAGING_PORT = 61616;
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data");
    public static final int DEFAULT_MAX_DISK_USAGE_PERCENT = 90;
    public static final long ENGINE_DEFAULT_MEMORY = -1;
    static final long MIN_MEMORY_BYTES = 1024 * 1024;

    /** The services a node can host. */
    public enum Service {
        /** The broker: embedded engine, broker client, routes and the HTTP gateway. */
        BROKER,
        /** The name server: zones, iterative and recursive resolution, caches, replicas, watches. */
        NAMING,
        /** RPC services: the built-in parley.echo and every io.parley.rpc.HostedService on the classpath (needs the broker). */
        RPC,
        /** The transaction coordinator: two-phase commit over the broker's queues, recovery, /v1/transactions (needs the broker). */
        COORDINATOR;

        static Service parse(String text) {
            for (Service service : values()) {
                if (service.name().equalsIgnoreCase(text.trim())) {
                    return service;
                }
            }
            throw invalid("services", text, "allowed are " + allowed());
        }

        static String allowed() {
            StringBuilder names = new StringBuilder();
            for (Service service : values()) {
                names.append(names.length() == 0 ? "" : ", ").append(service.name().toLowerCase(Locale.ROOT));
            }
            return names.toString();
        }
    }

    public NodeConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        services = Set.copyOf(services);
    }

    public static Builder builder() {
        return new Builder();
    }

    public GatewayConfig gatewayConfig() {
        return GatewayConfig.builder().maxMessageBytes(maxMessageBytes).maxOutstandingReceipts(maxOutstandingReceipts).build();
    }

    static ParleyException invalid(String key, Object value, String rule) {
        return new ParleyException(ErrorCode.INVALID_ARGUMENT, key + " '" + value + "' is invalid: " + rule);
    }

    /** Builds a {@link NodeConfig}; unset values take their defaults. Not thread-safe. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int messagingPort = DEFAULT_MESSAGING_PORT;
        private int httpPort = DEFAULT_HTTP_PORT;
        private Path dataDirectory = DEFAULT_DATA_DIRECTORY;
        private Set<Service> services = EnumSet.allOf(Service.class);
        private int maxMessageBytes = GatewayConfig.DEFAULT_MAX_MESSAGE_BYTES;
        private int maxOutstandingReceipts = GatewayConfig.DEFAULT_MAX_OUTSTANDING_RECEIPTS;
        private int maxDiskUsagePercent = DEFAULT_MAX_DISK_USAGE_PERCENT;
        private long maxMemoryBytes = ENGINE_DEFAULT_MEMORY;
        private NamingOptions naming = NamingOptions.defaults();
        private TxOptions coordinator = TxOptions.defaults();
        private EngineChoice engine = EngineChoice.ARTEMIS;

        private Builder() {
        }

        public Builder host(String host) {
            if (host == null || host.isBlank() || host.length() > 253 || !host.matches("[A-Za-z0-9._:\\-\\[\\]]+")) {
                throw invalid("host", host, "a host name or IP address");
            }
            this.host = host;
            return this;
        }

        public Builder messagingPort(int port) {
            this.messagingPort = port("messaging-port", port);
            return this;
        }

        public Builder httpPort(int port) {
            this.httpPort = port("http-port", port);
            return this;
        }

        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
            return this;
        }

        /** A comma-separated list: {@code broker}. */
        public Builder services(String list) {
            EnumSet<Service> parsed = EnumSet.noneOf(Service.class);
            for (String name : list.split(",", -1)) {
                if (name.isBlank()) {
                    throw invalid("services", list, "a comma-separated list of " + Service.allowed());
                }
                parsed.add(Service.parse(name));
            }
            this.services = parsed;
            return this;
        }

        public Builder maxMessageBytes(int maxMessageBytes) {
            this.maxMessageBytes = range("max-message-bytes", maxMessageBytes, 1, 100 * 1024 * 1024);
            return this;
        }

        public Builder maxOutstandingReceipts(int maxOutstandingReceipts) {
            this.maxOutstandingReceipts = range("max-outstanding-receipts", maxOutstandingReceipts, 1, 100_000);
            return this;
        }

        public Builder maxDiskUsagePercent(int maxDiskUsagePercent) {
            this.maxDiskUsagePercent = range("max-disk-usage-percent", maxDiskUsagePercent, 1, 100);
            return this;
        }

        /** -1 (the engine's default: half the heap) or at least 1 MiB. */
        public Builder maxMemoryBytes(long maxMemoryBytes) {
            if (maxMemoryBytes != ENGINE_DEFAULT_MEMORY && maxMemoryBytes < MIN_MEMORY_BYTES) {
                throw new ParleyException(ErrorCode.INVALID_ARGUMENT, "max-memory-bytes " + maxMemoryBytes
                        + " is out of range: -1 (the engine's default) or at least " + MIN_MEMORY_BYTES);
            }
            this.maxMemoryBytes = maxMemoryBytes;
            return this;
        }

        /** The broker's engine ({@code --engine}, {@code --kafka-bootstrap}). */
        public Builder engine(EngineChoice engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /** The naming service's section ({@code --zone}, {@code --root}, {@code --secondary-of}). */
        public Builder naming(NamingOptions naming) {
            this.naming = Objects.requireNonNull(naming, "naming");
            return this;
        }

        /** The naming section set so far (flags apply over the config file's). */
        public NamingOptions namingOptions() {
            return naming;
        }

        /** The coordinator service's section ({@code --tx-*} flags). */
        public Builder coordinator(TxOptions coordinator) {
            this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
            return this;
        }

        /** The coordinator section set so far. */
        public TxOptions coordinatorOptions() {
            return coordinator;
        }

        public NodeConfig build() {
            if (!services.contains(Service.BROKER) && (services.contains(Service.RPC) || services.contains(Service.COORDINATOR))) {
                throw invalid("services", names(services), "rpc and coordinator run over the broker's queues: add broker, or drop them");
            }
            if (messagingPort != 0 && messagingPort == httpPort) {
                throw invalid("http-port", httpPort, "it must differ from messaging-port " + messagingPort);
            }
            return new NodeConfig(host, messagingPort, httpPort, dataDirectory, services, maxMessageBytes, maxOutstandingReceipts,
                    maxDiskUsagePercent, maxMemoryBytes, engine, naming, coordinator);
        }

        private static String names(Set<Service> services) {
            StringBuilder names = new StringBuilder();
            for (Service service : services) {
                names.append(names.length() == 0 ? "" : ",").append(service.name().toLowerCase(Locale.ROOT));
            }
            return names.toString();
        }

        private static int port(String key, int port) {
            return range(key, port, 0, 65535);
        }

        private static int range(String key, int value, int min, int max) {
            if (value < min || value > max) {
                throw new ParleyException(ErrorCode.INVALID_ARGUMENT, key + " " + value + " is out of range " + min + ".." + max);
            }
            return value;
        }
    }
}
