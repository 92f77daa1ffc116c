package io.parley.broker.core;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.broker.Destination;
import io.parley.broker.QueueOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Configuration of one broker client. Immutable; build with {@link #builder()}, which validates
 * every value in one place and names the key, the value and the rule on failure.
 *
 * @param clientId         names the client's durable mailbox ({@code parley.mailbox.<clientId>});
 *                         give a stable id to collect tickets after a restart
 * @param nodeId           the Lamport clock's tie-break; defaults to the client id
 * @param stateDirectory   where the client keeps durable state (the EFFECTIVELY_ONCE processed-id log)
 * @param maxMessageBytes  the largest body accepted on send
 * @param defaultQueueOptions options of queues created on first use
 * @param meterRegistry    where send/receive/dead-letter metrics go
 * @param sendTimeout      how long a send retries retriable engine failures before it fails
 * @param syncTimeout      how long a send at DELIVERED or PROCESSED waits for the receiver's notice
 * @param consumerPrefetch how many messages a handler's consumer may buffer ahead (the consumer window)
 * @param processedIdCapacity how many processed dedup keys an EFFECTIVELY_ONCE consumer remembers
 */
public record BrokerConfig(String clientId, String nodeId, Path stateDirectory, int maxMessageBytes,
                           QueueOptions defaultQueueOptions, MeterRegistry meterRegistry,
                           Duration sendTimeout, Duration syncTimeout, int consumerPrefetch, int processedIdCapacity) {

    public static final int DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

    public BrokerConfig {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(defaultQueueOptions, "defaultQueueOptions");
        Objects.requireNonNull(meterRegistry, "meterRegistry");
        Objects.requireNonNull(sendTimeout, "sendTimeout");
        Objects.requireNonNull(syncTimeout, "syncTimeout");
    }

    /** A client with a random id, state under {@code ./parley-state}, and default limits. */
    public static BrokerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String clientId;
        private String nodeId;
        private Path stateDirectory;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private QueueOptions defaultQueueOptions = QueueOptions.DEFAULT;
        private MeterRegistry meterRegistry;
        private Duration sendTimeout = Duration.ofSeconds(30);
        private Duration syncTimeout = Duration.ofSeconds(30);
        private int consumerPrefetch = 1000;
        private int processedIdCapacity = 100_000;

        private Builder() {
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder nodeId(String nodeId) {
            this.nodeId = nodeId;
            return this;
        }

        public Builder stateDirectory(Path stateDirectory) {
            this.stateDirectory = stateDirectory;
            return this;
        }

        public Builder maxMessageBytes(int maxMessageBytes) {
            this.maxMessageBytes = maxMessageBytes;
            return this;
        }

        public Builder defaultQueueOptions(QueueOptions defaultQueueOptions) {
            this.defaultQueueOptions = defaultQueueOptions;
            return this;
        }

        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = meterRegistry;
            return this;
        }

        public Builder sendTimeout(Duration sendTimeout) {
            this.sendTimeout = sendTimeout;
            return this;
        }

        public Builder syncTimeout(Duration syncTimeout) {
            this.syncTimeout = syncTimeout;
            return this;
        }

        public Builder consumerPrefetch(int consumerPrefetch) {
            this.consumerPrefetch = consumerPrefetch;
            return this;
        }

        public Builder processedIdCapacity(int processedIdCapacity) {
            this.processedIdCapacity = processedIdCapacity;
            return this;
        }

        public BrokerConfig build() {
            String id = clientId != null ? clientId : "client-" + UUID.randomUUID().toString().substring(0, 8);
            if (!id.matches("[A-Za-z0-9_-]{1,100}")) {
                throw new IllegalArgumentException("clientId '" + id + "' is invalid: allowed are 1 to 100 characters of [A-Za-z0-9_-]");
            }
            Destination.queue(MailboxNames.mailbox(id));
            if (maxMessageBytes < 1 || maxMessageBytes > 100 * 1024 * 1024) {
                throw new IllegalArgumentException("maxMessageBytes " + maxMessageBytes + " is out of range 1..104857600");
            }
            checkPositive("sendTimeout", sendTimeout);
            checkPositive("syncTimeout", syncTimeout);
            if (consumerPrefetch < 0 || consumerPrefetch > 100_000) {
                throw new IllegalArgumentException("consumerPrefetch " + consumerPrefetch + " is out of range 0..100000");
            }
            if (processedIdCapacity < 2 || processedIdCapacity > 10_000_000) {
                throw new IllegalArgumentException("processedIdCapacity " + processedIdCapacity + " is out of range 2..10000000");
            }
            return new BrokerConfig(id, nodeId != null ? nodeId : id,
                    stateDirectory != null ? stateDirectory : Path.of("parley-state", id),
                    maxMessageBytes, defaultQueueOptions,
                    meterRegistry != null ? meterRegistry : new SimpleMeterRegistry(),
                    sendTimeout, syncTimeout, consumerPrefetch, processedIdCapacity);
        }

        private static void checkPositive(String key, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(key + " " + (value == null ? null : value.toMillis() + " ms") + " must be positive");
            }
        }
    }
}
