package io.parley.node.kafka;

import io.parley.broker.kafka.BootstrapServers;
import io.parley.common.ErrorCode;
import io.parley.common.ParleyException;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Which engine a node's broker runs on: the embedded Artemis server (the default) or an Apache Kafka
 * cluster the node connects to. Immutable; {@link Builder} validates, naming the key, the value and
 * the rule.
 *
 * @param kind           {@code artemis} or {@code kafka} ({@code --engine})
 * @param kafkaBootstrap the Kafka cluster, {@code HOST:PORT[,HOST:PORT]} ({@code --kafka-bootstrap}); required for kafka
 * @param kafkaRecordLock how long Kafka locks a delivered message to its consumer before giving it to
 *                        another ({@code --kafka-record-lock-ms}; Kafka's share.record.lock.duration.ms)
 */
public record EngineChoice(Kind kind, String kafkaBootstrap, Duration kafkaRecordLock) {

    public static final EngineChoice ARTEMIS = new EngineChoice(Kind.ARTEMIS, null, Duration.ofSeconds(30));

    /** The engines a node can run its broker on. */
    public enum Kind {
        ARTEMIS, KAFKA;

        static Kind parse(String text) {
            for (Kind kind : values()) {
                if (kind.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                    return kind;
                }
            }
            throw invalid("engine", text, "allowed are artemis, kafka");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public EngineChoice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(kafkaRecordLock, "kafkaRecordLock");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * What the ready line's {@code messaging=} shows: the Artemis acceptor's URL is the node's own;
     * on Kafka the clients' entry point is the cluster, {@code kafka://HOST:PORT[,HOST:PORT]}.
     */
    public String kafkaMessagingUrl() {
        return "kafka://" + kafkaBootstrap;
    }

    static ParleyException invalid(String key, Object value, String rule) {
        return new ParleyException(ErrorCode.INVALID_ARGUMENT, key + " '" + value + "' is invalid: " + rule);
    }

    /** Builds an {@link EngineChoice}; defaults to Artemis. Not thread-safe. */
    public static final class Builder {
        private Kind kind = Kind.ARTEMIS;
        private String kafkaBootstrap;
        private Duration kafkaRecordLock = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder kind(String kind) {
            this.kind = Kind.parse(kind);
            return this;
        }

        public Builder kafkaBootstrap(String servers) {
            try {
                this.kafkaBootstrap = BootstrapServers.check(servers);
            } catch (IllegalArgumentException e) {
                throw invalid("kafka-bootstrap", servers, "expected " + BootstrapServers.RULE);
            }
            return this;
        }

        public Builder kafkaRecordLockMs(long millis) {
            if (millis < 1000 || millis > 3_600_000) {
                throw new ParleyException(ErrorCode.INVALID_ARGUMENT, "kafka-record-lock-ms " + millis + " is out of range 1000..3600000");
            }
            this.kafkaRecordLock = Duration.ofMillis(millis);
            return this;
        }

        public EngineChoice build() {
            if (kind == Kind.KAFKA && kafkaBootstrap == null) {
                throw invalid("kafka-bootstrap", null, "engine kafka needs the cluster: --kafka-bootstrap " + BootstrapServers.RULE);
            }
            if (kind == Kind.ARTEMIS && kafkaBootstrap != null) {
                throw invalid("kafka-bootstrap", kafkaBootstrap, "it is for engine kafka; add --engine kafka");
            }
            return new EngineChoice(kind, kafkaBootstrap, kafkaRecordLock);
        }
    }
}
