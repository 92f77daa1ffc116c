package io.parley.broker.kafka;

import io.parley.broker.QueueInfo;
import io.parley.broker.spi.Capability;
import io.parley.broker.spi.Engine;
import io.parley.broker.spi.EngineSession;
import io.parley.broker.spi.QueueSpec;
import io.parley.broker.spi.SessionMode;
import io.parley.broker.tck.DeadLetterConformance;
import io.parley.broker.tck.DeliveryGuaranteeConformance;
import io.parley.broker.tck.DurabilityConformance;
import io.parley.broker.tck.EngineProvider;
import io.parley.broker.tck.EngineUnderTest;
import io.parley.broker.tck.ExpiryConformance;
import io.parley.broker.tck.MessageFieldConformance;
import io.parley.broker.tck.OrderingConformance;
import io.parley.broker.tck.QueueConformance;
import io.parley.broker.tck.RequestReplyConformance;
import io.parley.broker.tck.SyncPointConformance;
import io.parley.broker.tck.TopicConformance;
import io.parley.broker.tck.TransactionConformance;
import io.parley.broker.tck.ValidationConformance;
import org.junit.jupiter.api.Nested;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Runs the engine conformance suite (broker-tck) against the Kafka engine on an in-process
 * single-node KRaft cluster whose logs live in the TCK's storage directory; one cluster per nested
 * class. A restart stops the cluster and starts it again over the same logs.
 */
@EngineUnderTest(KafkaEngineTckTest.EmbeddedCluster.class)
class KafkaEngineTckTest {

    /** A single-node cluster and the engine on it, closed together. */
    static final class EmbeddedCluster implements EngineProvider {

        @Override
        public String name() {
            return "kafka";
        }

        @Override
        public Set<Capability> capabilities() {
            return KafkaEngine.connect(KafkaConfig.of("localhost:9092")).capabilities();
        }

        @Override
        public Engine start(Path storageDirectory) {
            EmbeddedKafka cluster = EmbeddedKafka.start(storageDirectory);
            KafkaEngine engine = KafkaEngine.connect(cluster.engineConfig().recordLockDuration(Duration.ofSeconds(15)).build());
            try {
                engine.start();
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
            return new ClusterEngine(engine, cluster);
        }
    }

    /** The engine, and the cluster it stops after itself. */
    private record ClusterEngine(KafkaEngine engine, EmbeddedKafka cluster) implements Engine {
        @Override
        public String name() {
            return engine.name();
        }

        @Override
        public Set<Capability> capabilities() {
            return engine.capabilities();
        }

        @Override
        public void start() {
            engine.start();
        }

        @Override
        public void declareQueue(QueueSpec spec) {
            engine.declareQueue(spec);
        }

        @Override
        public void deleteQueue(String queue) {
            engine.deleteQueue(queue);
        }

        @Override
        public EngineSession openSession(SessionMode mode) {
            return engine.openSession(mode);
        }

        @Override
        public List<QueueInfo> queues() {
            return engine.queues();
        }

        @Override
        public void close() {
            try {
                engine.close();
            } finally {
                cluster.close();
            }
        }
    }

    @Nested
    class Queues extends QueueConformance {
    }

    @Nested
    class Topics extends TopicConformance {
    }

    @Nested
    class MessageFields extends MessageFieldConformance {
    }

    @Nested
    class Durability extends DurabilityConformance {
    }

    @Nested
    class SyncPoints extends SyncPointConformance {
    }

    @Nested
    class DeliveryGuarantees extends DeliveryGuaranteeConformance {
    }

    @Nested
    class DeadLetters extends DeadLetterConformance {
    }

    @Nested
    class Expiry extends ExpiryConformance {
    }

    @Nested
    class Ordering extends OrderingConformance {
    }

    @Nested
    class RequestReply extends RequestReplyConformance {
    }

    @Nested
    class Transactions extends TransactionConformance {
    }

    @Nested
    class Validation extends ValidationConformance {
    }
}
