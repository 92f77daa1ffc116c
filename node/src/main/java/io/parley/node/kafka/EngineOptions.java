package io.parley.node.kafka;

import picocli.CommandLine.Option;

/**
 * The {@code parley node} flags that choose the broker's engine: {@code --engine artemis|kafka},
 * {@code --kafka-bootstrap HOST:PORT[,HOST:PORT]} and {@code --kafka-record-lock-ms}. A picocli mixin;
 * validation is {@link EngineChoice.Builder}'s.
 */
public final class EngineOptions {

    @Option(names = "--engine", paramLabel = "ENGINE", description = "Broker engine: artemis (embedded, default) or kafka (a cluster, see --kafka-bootstrap).")
    private String engine;

    @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT[,HOST:PORT]", description = "The Kafka cluster's bootstrap servers (engine kafka).")
    private String kafkaBootstrap;

    @Option(names = "--kafka-record-lock-ms", paramLabel = "MS", description = "How long Kafka locks a delivered message to its consumer (share.record.lock.duration.ms of each queue's share group). Default 30000.")
    private Long kafkaRecordLockMs;

    /** The engine the flags choose, or {@code null} if none of them was given. */
    public EngineChoice choice() {
        if (engine == null && kafkaBootstrap == null && kafkaRecordLockMs == null) {
            return null;
        }
        EngineChoice.Builder builder = EngineChoice.builder();
        if (engine != null) {
            builder.kind(engine);
        }
        if (kafkaBootstrap != null) {
            builder.kafkaBootstrap(kafkaBootstrap);
        }
        if (kafkaRecordLockMs != null) {
            builder.kafkaRecordLockMs(kafkaRecordLockMs);
        }
        return builder.build();
    }
}
