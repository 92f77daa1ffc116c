package io.parley.broker.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the Kafka engine: where the cluster is and how Parley lays its queues and topics
 * out on it. Immutable; built and validated by {@link Builder}, which names the key, the value and the
 * allowed range of anything wrong.
 *
 * @param bootstrapServers   {@code host:port[,host:port]} of the cluster's brokers
 * @param partitions         partitions of each Kafka topic Parley creates (queues and topics)
 * @param replicationFactor  replication factor of the topics Parley creates; {@code -1} takes the
 *                           cluster's {@code default.replication.factor}
 * @param recordLockDuration how long a share-group delivery stays locked to its consumer before Kafka
 *                           gives it to another ({@code share.record.lock.duration.ms} of each queue's
 *                           share group); a crashed consumer's messages come back after it
 * @param maxPollRecords     most records a handler's consumer acquires in one fetch (its prefetch window
 *                           is {@code min(prefetch, maxPollRecords)})
 * @param adminTimeout       deadline of administrative calls (creating topics, group configs, listings)
 * @param clientProperties   extra Kafka client properties (security, for example) given to every
 *                           producer, consumer and admin client
 */
public record KafkaConfig(String bootstrapServers, int partitions, short replicationFactor, Duration recordLockDuration,
                          int maxPollRecords, Duration adminTimeout, Map<String, String> clientProperties) {

    public KafkaConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(recordLockDuration, "recordLockDuration");
        Objects.requireNonNull(adminTimeout, "adminTimeout");
        clientProperties = Map.copyOf(clientProperties);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The configuration with the defaults for a cluster at {@code bootstrapServers}. */
    public static KafkaConfig of(String bootstrapServers) {
        return builder().bootstrapServers(bootstrapServers).build();
    }

    public static final class Builder {
        private String bootstrapServers;
        private int partitions = 1;
        private short replicationFactor = -1;
        private Duration recordLockDuration = Duration.ofSeconds(30);
        private int maxPollRecords = 500;
        private Duration adminTimeout = Duration.ofSeconds(30);
        private Map<String, String> clientProperties = Map.of();

        private Builder() {
        }

        public Builder bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        public Builder replicationFactor(int replicationFactor) {
            if (replicationFactor < -1 || replicationFactor == 0 || replicationFactor > Short.MAX_VALUE) {
                throw new IllegalArgumentException("kafka replicationFactor " + replicationFactor
                        + " is out of range: -1 (the cluster's default) or 1.." + Short.MAX_VALUE);
            }
            this.replicationFactor = (short) replicationFactor;
            return this;
        }

        public Builder recordLockDuration(Duration recordLockDuration) {
            this.recordLockDuration = recordLockDuration;
            return this;
        }

        public Builder maxPollRecords(int maxPollRecords) {
            this.maxPollRecords = maxPollRecords;
            return this;
        }

        public Builder adminTimeout(Duration adminTimeout) {
            this.adminTimeout = adminTimeout;
            return this;
        }

        public Builder clientProperties(Map<String, String> clientProperties) {
            this.clientProperties = Objects.requireNonNull(clientProperties, "clientProperties");
            return this;
        }

        public KafkaConfig build() {
            BootstrapServers.check(bootstrapServers);
            if (partitions < 1 || partitions > 10_000) {
                throw new IllegalArgumentException("kafka partitions " + partitions + " is out of range 1..10000");
            }
            if (recordLockDuration == null || recordLockDuration.toMillis() < 1000 || recordLockDuration.toMillis() > 3_600_000) {
                throw new IllegalArgumentException("kafka recordLockDuration " + (recordLockDuration == null ? null : recordLockDuration.toMillis() + " ms")
                        + " is out of range 1000..3600000 ms (Kafka's share.record.lock.duration.ms)");
            }
            if (maxPollRecords < 1 || maxPollRecords > 10_000) {
                throw new IllegalArgumentException("kafka maxPollRecords " + maxPollRecords + " is out of range 1..10000");
            }
            if (adminTimeout == null || adminTimeout.toMillis() < 1) {
                throw new IllegalArgumentException("kafka adminTimeout " + adminTimeout + " must be positive");
            }
            return new KafkaConfig(bootstrapServers.trim(), partitions, replicationFactor, recordLockDuration, maxPollRecords,
                    adminTimeout, clientProperties);
        }
    }
}
