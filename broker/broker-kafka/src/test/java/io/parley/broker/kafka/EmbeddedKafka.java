package io.parley.broker.kafka;

import io.parley.broker.Destination;
import io.parley.broker.Message;
import io.parley.broker.QueueOptions;
import io.parley.broker.spi.ConsumerSpec;
import io.parley.broker.spi.EngineDelivery;
import io.parley.broker.spi.QueueSpec;
import io.parley.broker.spi.SessionMode;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An in-process single-node KRaft Kafka cluster (one combined broker + controller) from
 * {@code kafka-test-common-runtime}'s {@link KafkaClusterTestKit}, for tests, the crash tests' child
 * JVMs and the benchmark. Every internal topic is replicated once (one node), and the group
 * timings are shortened so that consumers join in well under a second.
 *
 * <p>{@link #start(Path)} over a directory that holds a stopped cluster's logs starts that cluster
 * again (same cluster id, nothing formatted), on new ports. Not thread-safe; {@link #close()}
 * stops the node and keeps its logs.
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** The cluster id of every embedded cluster, so that a restart over the same directory finds its own logs. */
    static final String CLUSTER_ID = "parley-embedded-kafka-0";

    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** The broker settings of the embedded cluster (what a single-node cluster needs, and quick group timings). */
    public static Map<String, String> brokerSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        // one node: every internal topic has one replica
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("offsets.topic.num.partitions", "1");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("transaction.state.log.num.partitions", "1");
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");
        settings.put("share.coordinator.state.topic.num.partitions", "1");
        settings.put("default.replication.factor", "1");
        settings.put("min.insync.replicas", "1");
        settings.put("num.partitions", "1");
        // quick joins and assignments
        settings.put("group.initial.rebalance.delay.ms", "0");
        settings.put("group.share.heartbeat.interval.ms", "500");
        settings.put("group.share.min.heartbeat.interval.ms", "100");
        settings.put("group.share.session.timeout.ms", "6000");
        settings.put("group.share.min.session.timeout.ms", "1000");
        settings.put("group.share.assignment.interval.ms", "0");
        // Parley asks for maxDeliveries + 1 (default 10 + 1) as a share group's delivery count limit
        settings.put("group.share.max.delivery.count.limit", "11");
        // tests use short record locks so that a crashed consumer's messages come back quickly
        settings.put("group.share.min.record.lock.duration.ms", "1000");
        return settings;
    }

    /**
     * Starts a cluster whose logs live under {@code directory}: formats it if it is empty, or
     * starts the cluster found there.
     */
    public static EmbeddedKafka start(Path directory) {
        try {
            boolean formatted = false;
            if (Files.isDirectory(directory)) {
                try (Stream<Path> entries = Files.list(directory)) {
                    formatted = entries.findAny().isPresent();
                }
            }
            Files.createDirectories(directory);
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setClusterId(CLUSTER_ID)
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(directory)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(false);
            brokerSettings().forEach(builder::setConfigProp);
            KafkaClusterTestKit cluster = builder.build();
            if (!formatted) {
                cluster.format();
            }
            cluster.startup();
            cluster.waitForReadyBrokers();
            EmbeddedKafka kafka = new EmbeddedKafka(cluster);
            if (!formatted) {
                kafka.warmUp();
            }
            return kafka;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded Kafka cluster over " + directory + ": " + e, e);
        }
    }

    /**
     * The first share group a cluster serves creates the share coordinator's state topic, which
     * takes seconds; doing it here keeps that out of the first test's timings.
     */
    private void warmUp() {
        try (KafkaEngine engine = KafkaEngine.connect(engineConfig().build())) {
            engine.start();
            engine.declareQueue(QueueSpec.durable("parley.warmup", QueueOptions.DEFAULT));
            try (var session = engine.openSession(SessionMode.DURABLE_ACKS);
                 var consumer = session.consumer(ConsumerSpec.queue("parley.warmup", 0))) {
                session.send(Destination.queue("parley.warmup"), Message.text("warm-up")).join();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                EngineDelivery delivery = null;
                while (delivery == null && System.nanoTime() < deadline) {
                    delivery = consumer.receive(Duration.ofSeconds(1));
                }
                if (delivery == null) {
                    throw new IllegalStateException("the embedded Kafka cluster did not deliver the warm-up message within 60 s");
                }
                delivery.ack();
            }
            engine.deleteQueue("parley.warmup");
        }
    }

    /** {@code host:port} of the broker. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** An engine configuration builder for this cluster, to adjust (the record lock, for example) and build. */
    public KafkaConfig.Builder engineConfig() {
        return KafkaConfig.builder().bootstrapServers(bootstrapServers());
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the embedded Kafka cluster failed: " + e, e);
        }
    }
}
