package io.parley.node.kafka;

import io.parley.broker.kafka.KafkaConfig;
import io.parley.broker.kafka.KafkaEngine;
import io.parley.node.NodeStartException;

/**
 * Starts the Kafka engine a node's broker runs on when {@code --engine kafka}: connects to the
 * cluster and fails the node's start, naming the cluster, if it cannot be reached. Stateless.
 */
public final class KafkaBrokerEngine {

    private KafkaBrokerEngine() {
    }

    /** Connects to the cluster {@code choice} names; the caller owns (and closes) the engine. */
    public static KafkaEngine start(EngineChoice choice) {
        KafkaEngine engine = KafkaEngine.connect(KafkaConfig.builder()
                .bootstrapServers(choice.kafkaBootstrap())
                .recordLockDuration(choice.kafkaRecordLock())
                .build());
        try {
            engine.start();
        } catch (RuntimeException e) {
            engine.close();
            throw new NodeStartException("engine kafka cannot reach the cluster at " + choice.kafkaBootstrap() + ": " + e.getMessage(), e);
        }
        return engine;
    }
}
